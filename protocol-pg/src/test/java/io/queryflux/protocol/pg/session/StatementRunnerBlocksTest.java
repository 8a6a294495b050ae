package io.queryflux.protocol.pg.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatementRunnerBlocksTest {
    @Test
    void statementsPostgresRefusesInABlockNeverStartAnImplicitOne() {
        for (String outside : new String[] {"VACUUM ANALYZE t", "vacuum", "/* c */ CREATE DATABASE x",
                "DROP DATABASE x", "ALTER SYSTEM SET work_mem = '1MB'", "CREATE INDEX CONCURRENTLY i ON t (a)",
                "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)", "DROP INDEX CONCURRENTLY i", "REINDEX TABLE CONCURRENTLY t"}) {
            assertFalse(StatementRunner.runsInBlocks(outside), outside);
        }
        for (String inside : new String[] {"INSERT INTO t VALUES (1)", "CREATE INDEX i ON t (a)", "SELECT 'VACUUM'",
                "CREATE TABLE databases (a int)", "REINDEX TABLE t"}) {
            assertTrue(StatementRunner.runsInBlocks(inside), inside);
        }
    }
}

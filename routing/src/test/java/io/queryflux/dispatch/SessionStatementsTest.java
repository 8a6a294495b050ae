package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionStatementsTest {
    @Test
    void recognisesSessionStatements() {
        SessionChange use = SessionStatements.parse("  use Memory.\"My Schema\";").orElseThrow();
        assertEquals(Optional.of("memory"), use.catalog());
        assertEquals(Optional.of("My Schema"), use.schema());
        assertEquals(Optional.of("s1"), SessionStatements.parse("USE s1").orElseThrow().schema());
        assertEquals(Map.of("query_max_run_time", "10m"),
                SessionStatements.parse("SET SESSION query_max_run_time = '10m'").orElseThrow().setProperties());
        assertEquals(Set.of("hive.bucketing"),
                SessionStatements.parse("reset session hive.bucketing").orElseThrow().resetProperties());
    }

    @Test
    void leavesOtherStatementsToTheEngine() {
        assertTrue(SessionStatements.parse("SELECT 1").isEmpty());
        assertTrue(SessionStatements.parse("SET search_path = x").isEmpty(), "not SET SESSION");
        assertTrue(SessionStatements.parse("user_table_scan").isEmpty());
        assertTrue(SessionStatements.parse("").isEmpty());
    }
}

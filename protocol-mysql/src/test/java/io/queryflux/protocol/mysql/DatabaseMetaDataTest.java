package io.queryflux.protocol.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DatabaseMetaData of MySQL Connector/J (SHOW-based and information_schema-based) and MariaDB
 * Connector/J, and GUI-style browsing statements, against a DuckDB backend: the drivers' own
 * MySQL information_schema queries are answered from the proxy's mirror of DuckDB's catalog.
 */
class DatabaseMetaDataTest {
    private static TestServer server;

    record Client(String name, boolean mysql, String options) {
        @Override
        public String toString() {
            return name;
        }

        Connection connect() throws SQLException {
            return mysql ? server.mysql(options) : server.mariadb(options);
        }
    }

    static Stream<Client> clients() {
        return Stream.of(
                new Client("Connector/J SHOW-based", true, ""),
                new Client("Connector/J information_schema", true, "useInformationSchema=true"),
                new Client("MariaDB J", false, ""));
    }

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.start();
        try (Connection c = server.mysql(""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.items (id INTEGER NOT NULL, name VARCHAR, price DECIMAL(9,2) NOT NULL,"
                    + " created TIMESTAMP, qty BIGINT, ratio DOUBLE, born DATE)");
            s.execute("CREATE TABLE shop.item_tags (item_id INTEGER, tag VARCHAR)");
            s.execute("CREATE TABLE shop.orders (id BIGINT)");
            s.execute("CREATE VIEW shop.cheap_items AS SELECT * FROM shop.items WHERE price < 10");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @MethodSource("clients")
    void catalogsAndSchemas(Client client) throws SQLException {
        try (Connection c = client.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> catalogs = strings(md.getCatalogs(), "TABLE_CAT");
            assertTrue(catalogs.containsAll(List.of("information_schema", "main", "shop")), catalogs::toString);
            // Both drivers map MySQL databases to JDBC catalogs by default, so there are no schemas.
            assertEquals(List.of(), strings(md.getSchemas(), "TABLE_SCHEM"));
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void tablesWithPatternsAndTypes(Client client) throws SQLException {
        try (Connection c = client.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("item_tags:TABLE", "items:TABLE"),
                    tables(md.getTables("shop", null, "item%", new String[] {"TABLE"})));
            assertEquals(List.of("cheap_items:VIEW"), tables(md.getTables("shop", null, "%", new String[] {"VIEW"})));
            // JDBC orders by TABLE_TYPE first.
            assertEquals(List.of("item_tags:TABLE", "items:TABLE", "orders:TABLE", "cheap_items:VIEW"),
                    tables(md.getTables("shop", null, "%", null)));
            assertEquals(List.of(), tables(md.getTables("shop", null, "nothing%", null)));
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void columnsWithTypesNullabilityAndSizes(Client client) throws SQLException {
        try (Connection c = client.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns("shop", null, "items", "%")) {
                while (rs.next()) {
                    assertEquals("shop", rs.getString("TABLE_CAT"));
                    assertEquals("items", rs.getString("TABLE_NAME"));
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":"
                            + rs.getString("TYPE_NAME").toUpperCase() + ":" + rs.getInt("NULLABLE") + ":"
                            + rs.getString("IS_NULLABLE") + ":" + rs.getInt("ORDINAL_POSITION"));
                    if (rs.getString("COLUMN_NAME").equals("price")) {
                        assertEquals(9, rs.getInt("COLUMN_SIZE"));
                        assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
                    }
                    if (rs.getString("COLUMN_NAME").equals("name")) {
                        assertEquals(65535, rs.getInt("COLUMN_SIZE"));
                    }
                    if (rs.getString("COLUMN_NAME").equals("id")) {
                        assertEquals(10, rs.getInt("COLUMN_SIZE"));
                    }
                }
            }
            assertEquals(List.of(
                    "id:" + Types.INTEGER + ":INT:0:NO:1",
                    "name:" + Types.VARCHAR + ":VARCHAR:1:YES:2",
                    "price:" + Types.DECIMAL + ":DECIMAL:0:NO:3",
                    "created:" + Types.TIMESTAMP + ":DATETIME:1:YES:4",
                    "qty:" + Types.BIGINT + ":BIGINT:1:YES:5",
                    "ratio:" + Types.DOUBLE + ":DOUBLE:1:YES:6",
                    "born:" + Types.DATE + ":DATE:1:YES:7"), columns);
            List<String> filtered = new ArrayList<>();
            try (ResultSet rs = md.getColumns("shop", null, "item%", "%id")) {
                while (rs.next()) {
                    filtered.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
                }
            }
            assertEquals(List.of("item_tags.item_id", "items.id"), filtered.stream().sorted().toList());
            try (ResultSet rs = md.getPrimaryKeys("shop", null, "items")) {
                assertFalse(rs.next());
            }
            try (ResultSet rs = md.getIndexInfo("shop", null, "items", false, false)) {
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void guiBrowsingStatements() throws SQLException {
        try (Connection c = server.mysql(""); Statement s = c.createStatement()) {
            c.setCatalog("shop");
            try (Statement inShop = c.createStatement()) {
                assertEquals(List.of("cheap_items:VIEW", "item_tags:BASE TABLE", "items:BASE TABLE",
                        "orders:BASE TABLE"), pairs(inShop.executeQuery("SHOW FULL TABLES"), 1, 2));
                assertEquals(List.of("id:int:NO", "name:varchar(65535):YES", "price:decimal(9,2):NO"), triples(
                        inShop.executeQuery("SHOW FULL COLUMNS FROM items LIKE '%'"), "Field", "Type", "Null")
                        .subList(0, 3));
                try (ResultSet rs = inShop.executeQuery("SHOW CREATE TABLE items")) {
                    assertTrue(rs.next());
                    assertEquals("items", rs.getString(1));
                    assertTrue(rs.getString(2).startsWith("CREATE TABLE `items` (\n  `id` int NOT NULL,\n"
                            + "  `name` varchar(65535),\n  `price` decimal(9,2) NOT NULL,"), rs.getString(2));
                }
                try (ResultSet rs = inShop.executeQuery("SHOW INDEX FROM items")) {
                    assertEquals("Key_name", rs.getMetaData().getColumnLabel(3));
                    assertFalse(rs.next());
                }
                assertEquals(List.of("item_tags:QueryFlux", "items:QueryFlux"),
                        pairs(inShop.executeQuery("SHOW TABLE STATUS LIKE 'item%'"), 1, 2));
                SQLException missing = assertThrows(SQLException.class,
                        () -> inShop.executeQuery("SHOW COLUMNS FROM no_such_table"));
                assertEquals(1146, missing.getErrorCode());
                assertEquals(1146, assertThrows(SQLException.class,
                        () -> inShop.executeQuery("SHOW CREATE TABLE shop.no_such_table")).getErrorCode());
                // A GUI's own information_schema query, MySQL syntax included.
                assertEquals(List.of("items:decimal(9,2)"), pairs(inShop.executeQuery(
                        "SELECT `TABLE_NAME`, COLUMN_TYPE FROM `information_schema`.`COLUMNS` WHERE TABLE_SCHEMA ="
                                + " DATABASE() AND DATA_TYPE = 'decimal'"
                                + " AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES"
                                + " WHERE TABLE_TYPE = 'BASE TABLE')"), 1, 2));
                SQLException unsupported = assertThrows(SQLException.class, () -> inShop.executeQuery(
                        "SELECT no_such_column FROM information_schema.TABLES"));
                assertTrue(unsupported.getMessage().contains("information_schema"), unsupported::getMessage);
                try (ResultSet rs = inShop.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
            }
        }
        assertEquals(0, server.duckDb.group().runningQueries());
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(column));
            }
        }
        return values;
    }

    private static List<String> tables(ResultSet rs) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
        }
        return values;
    }

    private static List<String> pairs(ResultSet rs, int first, int second) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(first) + ":" + rs.getString(second));
            }
        }
        return values;
    }

    private static List<String> triples(ResultSet rs, String a, String b, String c) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(a) + ":" + rs.getString(b) + ":" + rs.getString(c));
            }
        }
        return values;
    }
}

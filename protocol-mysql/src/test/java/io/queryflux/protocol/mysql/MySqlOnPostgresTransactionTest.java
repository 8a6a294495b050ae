package io.queryflux.protocol.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryObserver;
import io.queryflux.engine.Engine;
import io.queryflux.engine.postgres.PostgresEngineFactory;
import io.queryflux.routing.RouterChain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connector/J through the MySQL frontend to a real PostgreSQL: the transaction's access mode and
 * isolation level reach PostgreSQL, which enforces them.
 */
class MySqlOnPostgresTransactionTest {
    private static EmbeddedPostgres postgres;
    private static Engine engine;
    private static MySqlFrontend frontend;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ledger (id int PRIMARY KEY)");
        }
        engine = new PostgresEngineFactory().create("postgres", Map.of("endpoint", "127.0.0.1:" + postgres.getPort(),
                "database", "postgres", "username", "postgres", "poolSize", "2"));
        ClusterGroup group = new ClusterGroup("postgres", List.of(new Cluster("postgres", engine, true,
                Integer.MAX_VALUE)), new GroupLimits(2, 100, Duration.ofSeconds(30)), new RoundRobinStrategy(), true);
        QueryDispatcher dispatcher = new QueryDispatcher(new RouterChain(List.of(), "postgres"),
                Map.of("postgres", group), QueryObserver.NONE);
        frontend = MySqlFrontend.start(MySqlFrontendConfig.onPort(0), dispatcher, TestServer.users());
    }

    @AfterAll
    static void stop() throws Exception {
        if (frontend != null) {
            frontend.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Connection direct() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort()
                + "/postgres?user=postgres&sslmode=disable");
    }

    private static Connection mysql() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + frontend.port() + "/?sslMode=DISABLED",
                TestServer.USER, TestServer.PASSWORD);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String first(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void readOnlyTransactionRefusesWritesOnPostgres() throws Exception {
        try (Connection c = mysql(); Connection d = direct()) {
            execute(c, "START TRANSACTION READ ONLY");
            assertThrows(SQLException.class, () -> execute(c, "INSERT INTO ledger VALUES (1)"));
            execute(c, "ROLLBACK");
            execute(c, "START TRANSACTION");
            execute(c, "INSERT INTO ledger VALUES (2)");
            execute(c, "COMMIT");
            assertEquals("1", first(d, "SELECT count(*) FROM ledger WHERE id = 2"));
        }
    }

    @Test
    void sessionIsolationLevelReachesPostgres() throws Exception {
        try (Connection c = mysql()) {
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setAutoCommit(false);
            assertEquals("serializable", first(c, "SELECT current_setting('transaction_isolation') AS level"));
            c.rollback();
        }
    }
}

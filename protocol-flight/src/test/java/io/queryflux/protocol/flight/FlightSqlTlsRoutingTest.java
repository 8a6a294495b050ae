package io.queryflux.protocol.flight;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.testing.SelfSignedCertificate;
import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryObserver;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.routing.HeaderRouter;
import io.queryflux.routing.RouterChain;
import io.queryflux.routing.TagsRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frontend on TLS with a self-signed certificate made for the test, reached by the Flight
 * SQL JDBC driver; and routing that sees the client tags and headers the driver sends: two
 * DuckDB groups, each knowing its own name, with a tags router and a header router in front.
 */
class FlightSqlTlsRoutingTest {
    @TempDir
    static Path dir;
    private static Path certificate;
    private static DuckDbEngine main;
    private static DuckDbEngine bi;
    private static FlightSqlFrontend frontend;

    @BeforeAll
    static void start() throws Exception {
        Optional<SelfSignedCertificate> made = SelfSignedCertificate.create(dir);
        assumeTrue(made.isPresent(), SelfSignedCertificate.NO_OPENSSL);
        certificate = made.get().certificate();
        Path key = made.get().privateKey();
        assertTrue(Files.readString(key).contains("BEGIN PRIVATE KEY"), "a PKCS#8 key");

        main = namedDuckDb("main");
        bi = namedDuckDb("bi");
        GroupLimits limits = new GroupLimits(4, 10, Duration.ofSeconds(10));
        QueryDispatcher dispatcher = new QueryDispatcher(
                new RouterChain(List.of(
                        new TagsRouter(List.of(new TagsRouter.Rule(Map.of("team", Optional.of("bi")), "bi"))),
                        new HeaderRouter("x-queryflux-routing-group", Map.of("bi", "bi"))), "main"),
                Map.of("main", group("main", main, limits), "bi", group("bi", bi, limits)),
                QueryObserver.NONE);
        frontend = FlightSqlFrontend.start(FlightSqlFrontendConfig.plain("127.0.0.1", 0).withTls(certificate, key),
                dispatcher, new StaticAuthProvider(Map.of("alice", new StaticAuthProvider.User("secret", Set.of()))));
    }

    /** A DuckDB whose table {@code whoami} holds its name, so a query shows where it ran. */
    private static DuckDbEngine namedDuckDb(String name) throws Exception {
        DuckDbEngine engine = DuckDbEngine.open(Optional.empty());
        try (QueryExecution execution = engine.prepare(new EngineQuery("setup", "CREATE TABLE whoami AS SELECT '"
                + name + "' AS name", "test", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Set.of()))) {
            execution.run().close();
        }
        return engine;
    }

    private static ClusterGroup group(String name, DuckDbEngine engine, GroupLimits limits) {
        return new ClusterGroup(name, List.of(new Cluster(name + "-1", engine, true, Integer.MAX_VALUE)), limits,
                new RoundRobinStrategy(), true);
    }

    @AfterAll
    static void stop() {
        frontend.close();
        main.close();
        bi.close();
    }

    private static String whoami(String properties) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + frontend.port()
                        + "/?useEncryption=true&user=alice&password=secret&" + properties);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM whoami")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void connectsOverTlsWithoutVerification() throws SQLException {
        assertEquals("main", whoami("disableCertificateVerification=true"));
    }

    @Test
    void connectsOverTlsTrustingTheCertificate() throws SQLException {
        assertEquals("main", whoami("tlsRootCerts=" + certificate));
    }

    @Test
    void refusesAPlainTextClient() {
        assertThrows(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + frontend.port()
                    + "/?useEncryption=false&user=alice&password=secret")) {
                c.createStatement().executeQuery("SELECT 1").close();
            }
        });
    }

    @Test
    void routesByClientTagsFromTheCallHeaders() throws SQLException {
        assertEquals("bi", whoami("disableCertificateVerification=true&client_tags=etl,team=bi"));
        assertEquals("main", whoami("disableCertificateVerification=true&client_tags=etl,team=ops"));
    }

    @Test
    void routesByARoutingGroupHeader() throws SQLException {
        assertEquals("bi", whoami("disableCertificateVerification=true&x-queryflux-routing-group=bi"));
        assertEquals("main", whoami("disableCertificateVerification=true&x-queryflux-routing-group=other"));
    }
}

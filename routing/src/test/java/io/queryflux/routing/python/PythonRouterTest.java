package io.queryflux.routing.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.Cluster;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.EngineType;
import io.queryflux.routing.RouterOutcome;
import io.queryflux.routing.RouterOutcome.Decision;
import io.queryflux.testing.TypedEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python routers and strategies on real GraalPy, sandboxed and time-limited. */
class PythonRouterTest {
    // One script for most cases: GraalPy contexts cost about a second each to create.
    private static final String SCRIPT = """
            import os
            def route(query, ctx):
                if query.startswith("loop"):
                    while True:
                        pass
                if query.startswith("raise"):
                    raise ValueError("no route for " + ctx.user)
                if query.startswith("file"):
                    return open("/etc/passwd").read()
                if query.startswith("listdir"):
                    return str(os.listdir("/"))
                if query.startswith("int"):
                    return 5
                if query.startswith("unknown"):
                    return "nowhere"
                if ctx.headers.get("x-team") == "bi" and ctx.protocol == "postgresWire":
                    return "bi"
                if "etl" in ctx.client_tags or ctx.session_properties.get("mode") == "batch":
                    return "batch"
                if ctx.catalog == "lake" and ctx.user == "ana":
                    return "lake"
                return None

            def select_cluster(candidates, ctx):
                if ctx.group == "broken":
                    raise RuntimeError("broken strategy")
                idle = [c.name for c in candidates if c.running == 0 and c.engine == "trino"]
                return idle[0] if idle else None
            """;

    private static final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private static PythonScript script;
    private static PythonRouter router;

    @BeforeAll
    static void load() throws Exception {
        // A generous limit, so a loaded build machine cannot turn a normal call into a timeout;
        // the endless-loop test uses its own script with a short one.
        script = PythonScript.inline("routing.py", SCRIPT, new PythonScript.Limits(Duration.ofSeconds(10), 2),
                (name, kind) -> failures.add(name + ":" + kind));
        router = PythonRouter.create(script, Set.of("bi", "batch", "lake"));
    }

    @AfterAll
    static void unload() {
        script.close();
    }

    private static QueryRequest request(String sql, Protocol protocol, String user, Map<String, String> headers,
            Set<String> tags, Optional<String> catalog, Map<String, String> properties) {
        return new QueryRequest(sql, new ClientSession(protocol, user, Optional.empty(), catalog, Optional.empty(),
                headers, tags, properties));
    }

    private static QueryRequest sql(String sql) {
        return request(sql, Protocol.TRINO_HTTP, "ana", Map.of(), Set.of(), Optional.empty(), Map.of());
    }

    @Test
    void routesFromEveryPartOfTheContext() {
        assertEquals(RouterOutcome.route("bi", "route() returned 'bi'"), router.route(request("SELECT 1",
                Protocol.POSTGRES_WIRE, "bo", Map.of("X-Team", "bi"), Set.of(), Optional.empty(), Map.of())));
        assertEquals(Decision.PASS, router.route(request("SELECT 1", Protocol.MYSQL_WIRE, "bo",
                Map.of("X-Team", "bi"), Set.of(), Optional.empty(), Map.of())).decision());
        assertEquals(Optional.of("batch"), router.route(request("SELECT 1", Protocol.TRINO_HTTP, "bo", Map.of(),
                Set.of("etl"), Optional.empty(), Map.of())).group());
        assertEquals(Optional.of("batch"), router.route(request("SELECT 1", Protocol.TRINO_HTTP, "bo", Map.of(),
                Set.of(), Optional.empty(), Map.of("mode", "batch"))).group());
        assertEquals(Optional.of("lake"), router.route(request("SELECT 1", Protocol.FLIGHT_SQL, "ana", Map.of(),
                Set.of(), Optional.of("lake"), Map.of())).group());
    }

    @Test
    void noneFallsThrough() {
        assertEquals(RouterOutcome.pass("route() returned None"), router.route(sql("SELECT 1")));
    }

    @Test
    void raisingFallsThroughWithExceptionAndLine() {
        RouterOutcome outcome = router.route(sql("raise please"));
        assertEquals(Decision.PASS, outcome.decision());
        assertEquals("Python script routing.py line 7: ValueError: no route for ana", outcome.reason());
        assertTrue(failures.contains("routing.py:ERROR"));
    }

    @Test
    void endlessLoopIsCutOffAndTheContextStaysUsable() throws Exception {
        try (PythonScript looping = PythonScript.inline("loop.py", SCRIPT,
                new PythonScript.Limits(Duration.ofMillis(300), 1), (name, kind) -> failures.add(name + ":" + kind))) {
            PythonRouter loopRouter = PythonRouter.create(looping, Set.of("bi", "batch", "lake"));
            long start = System.nanoTime();
            RouterOutcome outcome = loopRouter.route(sql("loop"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(Decision.PASS, outcome.decision());
            assertEquals("Python script loop.py: route() exceeded its time limit of 300 ms and was stopped",
                    outcome.reason());
            assertTrue(took.toMillis() >= 300 && took.toSeconds() < 5, "took " + took);
            assertTrue(failures.contains("loop.py:TIMEOUT"));
            // The one context was interrupted, not lost: it still answers.
            assertEquals(Optional.of("batch"), loopRouter.route(request("SELECT 1", Protocol.TRINO_HTTP, "x",
                    Map.of(), Set.of("etl"), Optional.empty(), Map.of())).group());
        }
    }

    @Test
    void fileAndDirectoryAccessIsRefused() {
        RouterOutcome file = router.route(sql("file"));
        assertEquals(Decision.PASS, file.decision());
        assertTrue(file.reason().startsWith("Python script routing.py line 9: PermissionError"), file.reason());
        RouterOutcome listing = router.route(sql("listdir"));
        assertEquals(Decision.PASS, listing.decision());
        assertTrue(listing.reason().contains("PermissionError"), listing.reason());
    }

    @Test
    void wrongResultsFallThrough() {
        RouterOutcome number = router.route(sql("int"));
        assertEquals(Decision.PASS, number.decision());
        assertTrue(number.reason().contains("route() returned") && number.reason().contains("not a str or None"),
                number.reason());
        assertEquals(RouterOutcome.pass("route() returned 'nowhere', which is not a cluster group"),
                router.route(sql("unknown")));
    }

    @Test
    void manyVirtualThreadsShareThePool() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RouterOutcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                outcomes.add(threads.submit(() -> router.route(request("SELECT 1", Protocol.TRINO_HTTP, "x",
                        Map.of(), Set.of("etl"), Optional.empty(), Map.of()))));
            }
            for (Future<RouterOutcome> outcome : outcomes) {
                assertEquals(Optional.of("batch"), outcome.get().group());
            }
        }
    }

    @Test
    void scriptWithoutTheFunctionOrWithASyntaxErrorIsRejectedAtLoad() {
        ScriptLoadException missing = assertThrows(ScriptLoadException.class, () -> PythonRouter.create(
                PythonScript.inline("empty.py", "x = 1\n", new PythonScript.Limits(Duration.ofSeconds(5), 1),
                        ScriptObserver.NONE), Set.of()));
        assertEquals("Python script empty.py does not define route()", missing.getMessage());
        ScriptLoadException syntax = assertThrows(ScriptLoadException.class, () -> PythonScript.inline("bad.py",
                "def route(q, c):\n    return (\n", new PythonScript.Limits(Duration.ofSeconds(5), 1),
                ScriptObserver.NONE));
        assertTrue(syntax.getMessage().startsWith("Python script bad.py line "), syntax.getMessage());
    }

    @Test
    void scriptFileReloadsWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("route.py");
        Files.writeString(file, "def route(query, ctx):\n    return 'bi'\n");
        try (PythonScript fromFile = PythonScript.file(file, new PythonScript.Limits(Duration.ofSeconds(5), 1),
                ScriptObserver.NONE)) {
            PythonRouter fileRouter = PythonRouter.create(fromFile, Set.of("bi", "batch"));
            assertEquals(Optional.of("bi"), fileRouter.route(sql("SELECT 1")).group());
            Files.writeString(file, "def route(query, ctx):\n    return 'batch'\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Optional<String> group = Optional.empty();
            while (System.nanoTime() < deadline && !(group = fileRouter.route(sql("SELECT 1")).group())
                    .equals(Optional.of("batch"))) {
                Thread.sleep(100);
            }
            assertEquals(Optional.of("batch"), group);
        }
    }

    @Test
    void strategyPicksByScriptAndFallsBackToRoundRobin() throws Exception {
        Cluster busyTrino = cluster("trino-busy", EngineType.TRINO);
        Cluster idleTrino = cluster("trino-idle", EngineType.TRINO);
        Cluster duck = cluster("duck", EngineType.DUCKDB);
        List<Cluster> candidates = List.of(duck, busyTrino, idleTrino);
        PythonStrategy strategy = PythonStrategy.create(script, "g");
        assertEquals("trino-busy", strategy.select(candidates).orElseThrow().name(),
                "first idle trino in candidate order");

        // None (no idle trino here) and a raising script both fall back to round-robin.
        List<Cluster> noTrino = List.of(duck, cluster("duck2", EngineType.DUCKDB));
        assertEquals(List.of("duck", "duck2", "duck"), List.of(strategy.select(noTrino).orElseThrow().name(),
                strategy.select(noTrino).orElseThrow().name(), strategy.select(noTrino).orElseThrow().name()));
        PythonStrategy broken = PythonStrategy.create(script, "broken");
        assertEquals("duck", broken.select(candidates).orElseThrow().name());
        assertEquals("trino-busy", broken.select(candidates).orElseThrow().name());
    }

    private static Cluster cluster(String name, EngineType type) {
        Cluster cluster = new Cluster(name, new TypedEngine(type), true, 4);
        cluster.setHealth(ClusterHealth.healthy());
        return cluster;
    }
}

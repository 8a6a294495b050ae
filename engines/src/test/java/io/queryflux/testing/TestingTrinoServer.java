package io.queryflux.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * One real Trino 476 server for the whole test JVM, with the {@code memory} and {@code tpch}
 * catalogs. Started on first use (about 10 s), stopped by a shutdown hook.
 *
 * <p>The server comes from Maven: the engines module unpacks {@code trino-server-core} and the
 * two plugins into {@code engines/target/trino-server} in its generate-test-resources phase.
 * Other modules find it through the {@code trino.server.dir} system property or, when built
 * with {@code -am}, at {@code ../engines/target/trino-server}. The server runs on the test
 * JVM's own Java (Trino 476 needs Java 24 or later).
 */
public final class TestingTrinoServer {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static TestingTrinoServer instance;

    private final Process process;
    private final Path workDir;
    private final URI uri;

    private TestingTrinoServer(Process process, Path workDir, URI uri) {
        this.process = process;
        this.workDir = workDir;
        this.uri = uri;
    }

    /** The JVM's server, started on the first call; later calls return at once. */
    public static TestingTrinoServer get() {
        LOCK.lock();
        try {
            if (instance == null) {
                instance = start();
                Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "trino-test-server-stop"));
            }
            return instance;
        } finally {
            LOCK.unlock();
        }
    }

    /** The coordinator's base URI, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return uri;
    }

    /** A URL for trino-jdbc. */
    public String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + uri.getPort();
    }

    private static TestingTrinoServer start() {
        Path distribution = distributionDir();
        try {
            Path serverCore = childStartingWith(distribution, "trino-server-core-");
            Path workDir = Files.createTempDirectory("queryflux-trino-");
            Path catalogs = Files.createDirectories(workDir.resolve("etc/catalog"));
            Files.writeString(catalogs.resolve("memory.properties"), "connector.name=memory\n");
            Files.writeString(catalogs.resolve("tpch.properties"), "connector.name=tpch\n");
            int port = freePort();
            Path config = workDir.resolve("etc/config.properties");
            Files.writeString(config, String.join("\n",
                    "node.environment=test",
                    "node.id=queryflux-test",
                    "coordinator=true",
                    "node-scheduler.include-coordinator=true",
                    "http-server.http.port=" + port,
                    "discovery.uri=http://127.0.0.1:" + port,
                    "query.max-memory=1GB",
                    "query.max-memory-per-node=512MB",
                    "plugin.dir=" + distribution.resolve("plugins"),
                    "catalog.config-dir=" + catalogs,
                    ""));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(
                            java.toString(),
                            "-Xmx2G",
                            "-XX:+UseG1GC",
                            "-XX:+ExitOnOutOfMemoryError",
                            "--enable-native-access=ALL-UNNAMED",
                            "-Djdk.attach.allowAttachSelf=true",
                            "-Dnode.data-dir=" + Files.createDirectories(workDir.resolve("data")),
                            "-Dconfig=" + config,
                            "-cp", serverCore.resolve("lib") + "/*",
                            "io.trino.server.TrinoServer")
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("server.log").toFile())
                    .start();
            TestingTrinoServer server = new TestingTrinoServer(process, workDir, URI.create("http://127.0.0.1:" + port));
            server.awaitStarted();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the test Trino server from " + distribution, e);
        }
    }

    private void awaitStarted() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest info = HttpRequest.newBuilder(uri.resolve("/v1/info")).timeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Trino exited with " + process.exitValue() + "; see " + log());
                }
                try {
                    HttpResponse<String> response = client.send(info, HttpResponse.BodyHandlers.ofString());
                    // Not starting is not yet ready: until the node announces itself, queries fail
                    // with "nodes is empty", so a real query has to succeed first.
                    if (response.statusCode() == 200 && response.body().contains("\"starting\":false")
                            && runsQueries(client)) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // keep polling
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
        throw new IllegalStateException("Trino did not start within " + STARTUP_TIMEOUT + "; see " + log());
    }

    private boolean runsQueries(HttpClient client) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        HttpRequest post = HttpRequest.newBuilder(uri.resolve("/v1/statement"))
                .header("X-Trino-User", "readiness")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT count(*) FROM tpch.tiny.nation"))
                .build();
        JsonNode page = json.readTree(client.send(post, HttpResponse.BodyHandlers.ofString()).body());
        while (!page.has("error") && page.hasNonNull("nextUri")) {
            HttpRequest next = HttpRequest.newBuilder(URI.create(page.get("nextUri").asText()))
                    .timeout(Duration.ofSeconds(10)).build();
            page = json.readTree(client.send(next, HttpResponse.BodyHandlers.ofString()).body());
        }
        return !page.has("error");
    }

    private Path log() {
        return workDir.resolve("server.log");
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }

    private static Path distributionDir() {
        List<Path> candidates = Stream.concat(
                        Optional.ofNullable(System.getProperty("trino.server.dir")).map(Path::of).stream(),
                        Stream.of(Path.of("target/trino-server"), Path.of("../engines/target/trino-server")))
                .toList();
        return candidates.stream()
                .filter(p -> Files.isDirectory(p.resolve("plugins")))
                .findFirst()
                .map(Path::toAbsolutePath)
                .orElseThrow(() -> new IllegalStateException("No unpacked Trino server in " + candidates
                        + "; build the engines module's generate-test-resources phase first (mvn -pl <module> -am test)"));
    }

    private static Path childStartingWith(Path dir, String prefix) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new IOException("No " + prefix + "* in " + dir));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

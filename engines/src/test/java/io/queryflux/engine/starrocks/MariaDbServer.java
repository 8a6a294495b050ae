package io.queryflux.engine.starrocks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server (Debian's mariadb-server package) in a temporary directory, standing in
 * for StarRocks, which cannot run here. Root has no password over TCP.
 */
final class MariaDbServer implements AutoCloseable {
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private final Process process;
    private final int port;

    private MariaDbServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(MARIADBD) && Files.isExecutable(Path.of("/usr/bin/mariadb-install-db"));
    }

    static MariaDbServer start(Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=" + System.getProperty("user.name"),
                "--auth-root-authentication-method=normal", "--skip-test-db"), dir);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(MARIADBD.toString(), "--no-defaults", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--skip-log-bin", "--innodb-buffer-pool-size=64M", "--max-connections=500")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.log").toFile());
        if (root) {
            // As root mariadbd refuses to start unless told to run as root.
            builder.command().add(2, "--user=root"); // after --no-defaults, which must come first
        }
        Process process = builder.start();
        MariaDbServer server = new MariaDbServer(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited: " + Files.readString(dir.resolve("mariadbd.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IOException("mariadbd did not listen within 60 s");
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IOException(command.get(0) + " failed: " + Files.readString(dir.resolve("install.log")));
        }
    }

    int port() {
        return port;
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

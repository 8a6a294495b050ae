package io.queryflux.protocol.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real client program the tests run against the proxy: what it printed, once it exited cleanly. */
final class ClientProcess {
    private ClientProcess() {}

    /** Whether the command runs and exits with 0 (a probe for an installed client). */
    static boolean succeeds(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    static String output(ProcessBuilder builder) throws IOException, InterruptedException {
        // Output to a file, so that a client that hangs fails the test at the timeout instead of blocking a read.
        Path output = Files.createTempFile("pg-client", ".out");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(builder.command() + " did not finish in 60 s: " + Files.readString(output));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), printed);
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}

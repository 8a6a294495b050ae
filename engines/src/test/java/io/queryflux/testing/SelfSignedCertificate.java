package io.queryflux.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for TLS tests, made with the openssl command: PEM, for
 * {@code localhost} and 127.0.0.1, its PKCS#8 key readable by its owner only (PostgreSQL
 * refuses a key others can read).
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    /** Why a test skips when {@link #create} finds no openssl. */
    public static final String NO_OPENSSL = "openssl is not installed (apt-get install openssl); cannot make a test certificate";

    /** A new certificate in {@code dir}; empty when openssl is not installed. */
    public static Optional<SelfSignedCertificate> create(Path dir) throws IOException, InterruptedException {
        return create(dir, "cert", "IP:127.0.0.1,DNS:localhost");
    }

    /**
     * A new certificate in {@code dir} as {@code name}.pem and {@code name}-key.pem, naming the hosts
     * in {@code subjectAltName} (openssl's syntax, e.g. {@code DNS:localhost}); empty when openssl
     * is not installed.
     */
    public static Optional<SelfSignedCertificate> create(Path dir, String name, String subjectAltName)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(OPENSSL)) {
            return Optional.empty();
        }
        Path certificate = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + "-key.pem");
        Process openssl = new ProcessBuilder(OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=" + subjectAltName)
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IOException("openssl could not make a test certificate: " + output);
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return Optional.of(new SelfSignedCertificate(certificate, key));
    }
}

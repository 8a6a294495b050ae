package io.queryflux.protocol.pg;

import static java.util.Objects.requireNonNull;

import io.queryflux.protocol.pg.auth.PgAuthMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The PostgreSQL wire frontend's settings ({@code queryflux.frontends.postgresWire} in YAML).
 *
 * @param bindAddress the address to listen on, e.g. {@code 0.0.0.0}
 * @param port the TCP port; 0 picks a free one
 * @param tlsCertificate PEM certificate chain; with {@code tlsPrivateKey} enables SSLRequest
 * @param tlsPrivateKey PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY})
 * @param authMethod what clients are asked for when the auth provider checks passwords
 * @param allowCleartextWithoutTls accept cleartext passwords on unencrypted connections
 * @param maxMessageSize the largest Query/Parse/Bind message accepted, in bytes
 * @param serverVersion the server_version reported to clients
 * @param idleTransactionTimeout how long a client may sit idle inside a transaction block before
 *     its connection is closed (FATAL 25P03), so that the group slot and engine connection the
 *     block holds come back; zero: no limit
 */
public record PgFrontendConfig(
        String bindAddress,
        int port,
        Optional<Path> tlsCertificate,
        Optional<Path> tlsPrivateKey,
        PgAuthMethod authMethod,
        boolean allowCleartextWithoutTls,
        int maxMessageSize,
        String serverVersion,
        Duration idleTransactionTimeout) {
    public static final int DEFAULT_PORT = 5432;
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
    public static final String DEFAULT_SERVER_VERSION = "15.0";

    public PgFrontendConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(tlsCertificate, "tlsCertificate is null");
        requireNonNull(tlsPrivateKey, "tlsPrivateKey is null");
        requireNonNull(authMethod, "authMethod is null");
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(idleTransactionTimeout, "idleTransactionTimeout is null");
        if (idleTransactionTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTransactionTimeout must not be negative");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (tlsCertificate.isPresent() != tlsPrivateKey.isPresent()) {
            throw new IllegalArgumentException("tls needs both certificatePath and privateKeyPath");
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes");
        }
    }

    /** Defaults (SCRAM-SHA-256, no TLS, 16 MiB messages) on the given address and port. */
    public static PgFrontendConfig of(String bindAddress, int port) {
        return new PgFrontendConfig(bindAddress, port, Optional.empty(), Optional.empty(), PgAuthMethod.SCRAM_SHA_256,
                false, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_SERVER_VERSION, Duration.ZERO);
    }

    public PgFrontendConfig withAuthMethod(PgAuthMethod method) {
        return new PgFrontendConfig(bindAddress, port, tlsCertificate, tlsPrivateKey, method, allowCleartextWithoutTls,
                maxMessageSize, serverVersion, idleTransactionTimeout);
    }

    public PgFrontendConfig withTls(Path certificate, Path privateKey) {
        return new PgFrontendConfig(bindAddress, port, Optional.of(certificate), Optional.of(privateKey), authMethod,
                allowCleartextWithoutTls, maxMessageSize, serverVersion, idleTransactionTimeout);
    }

    public PgFrontendConfig withMaxMessageSize(int bytes) {
        return new PgFrontendConfig(bindAddress, port, tlsCertificate, tlsPrivateKey, authMethod,
                allowCleartextWithoutTls, bytes, serverVersion, idleTransactionTimeout);
    }

    public PgFrontendConfig withIdleTransactionTimeout(Duration timeout) {
        return new PgFrontendConfig(bindAddress, port, tlsCertificate, tlsPrivateKey, authMethod,
                allowCleartextWithoutTls, maxMessageSize, serverVersion, timeout);
    }

    public PgFrontendConfig withCleartextWithoutTls(boolean allowed) {
        return new PgFrontendConfig(bindAddress, port, tlsCertificate, tlsPrivateKey, authMethod, allowed,
                maxMessageSize, serverVersion, idleTransactionTimeout);
    }
}

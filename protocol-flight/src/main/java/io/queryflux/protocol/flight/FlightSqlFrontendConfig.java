package io.queryflux.protocol.flight;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the Flight SQL frontend ({@code queryflux.frontends.flightSql}).
 *
 * @param bindHost the address to listen on
 * @param port the port; 0 picks a free one
 * @param tlsCertChain PEM certificate chain; with {@code tlsPrivateKey} the port speaks TLS only
 * @param tlsPrivateKey PEM private key (PKCS#8)
 * @param batchRows the most rows in one Arrow record batch
 * @param maxBatchBytes a batch is sent early once its buffers exceed this, so wide rows stay bounded
 * @param ticketTimeout how long a query started by GetFlightInfo waits for its DoGet before it is
 *     cancelled and its group slot freed
 * @param tokenLifetime how long a bearer token from the handshake stays valid after its last use
 * @param memoryLimitBytes the most Arrow memory all result streams together may hold
 */
public record FlightSqlFrontendConfig(
        String bindHost,
        int port,
        Optional<Path> tlsCertChain,
        Optional<Path> tlsPrivateKey,
        int batchRows,
        long maxBatchBytes,
        Duration ticketTimeout,
        Duration tokenLifetime,
        long memoryLimitBytes) {
    public static final String DEFAULT_BIND_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 32010;
    public static final int DEFAULT_BATCH_ROWS = 65_536;
    public static final long DEFAULT_MAX_BATCH_BYTES = 16L << 20;
    public static final Duration DEFAULT_TICKET_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    public static final long DEFAULT_MEMORY_LIMIT_BYTES = 1L << 30;

    public FlightSqlFrontendConfig {
        requireNonNull(bindHost, "bindHost is null");
        requireNonNull(tlsCertChain, "tlsCertChain is null");
        requireNonNull(tlsPrivateKey, "tlsPrivateKey is null");
        requireNonNull(ticketTimeout, "ticketTimeout is null");
        requireNonNull(tokenLifetime, "tokenLifetime is null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (tlsCertChain.isPresent() != tlsPrivateKey.isPresent()) {
            throw new IllegalArgumentException("TLS needs both tlsCertChain and tlsPrivateKey");
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1");
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be at least 1");
        }
        if (ticketTimeout.isNegative() || ticketTimeout.isZero()) {
            throw new IllegalArgumentException("ticketTimeout must be positive");
        }
        if (tokenLifetime.toMinutes() < 1) {
            throw new IllegalArgumentException("tokenLifetime must be at least one minute");
        }
        if (memoryLimitBytes < maxBatchBytes) {
            throw new IllegalArgumentException("memoryLimitBytes must be at least maxBatchBytes");
        }
    }

    /** Plain text on {@code bindHost:port} with every other setting at its default. */
    public static FlightSqlFrontendConfig plain(String bindHost, int port) {
        return new FlightSqlFrontendConfig(bindHost, port, Optional.empty(), Optional.empty(), DEFAULT_BATCH_ROWS,
                DEFAULT_MAX_BATCH_BYTES, DEFAULT_TICKET_TIMEOUT, DEFAULT_TOKEN_LIFETIME, DEFAULT_MEMORY_LIMIT_BYTES);
    }

    public FlightSqlFrontendConfig withBatchRows(int rows) {
        return new FlightSqlFrontendConfig(bindHost, port, tlsCertChain, tlsPrivateKey, rows, maxBatchBytes,
                ticketTimeout, tokenLifetime, memoryLimitBytes);
    }

    public FlightSqlFrontendConfig withTicketTimeout(Duration timeout) {
        return new FlightSqlFrontendConfig(bindHost, port, tlsCertChain, tlsPrivateKey, batchRows, maxBatchBytes,
                timeout, tokenLifetime, memoryLimitBytes);
    }

    public FlightSqlFrontendConfig withTls(Path certChain, Path privateKey) {
        return new FlightSqlFrontendConfig(bindHost, port, Optional.of(certChain), Optional.of(privateKey), batchRows,
                maxBatchBytes, ticketTimeout, tokenLifetime, memoryLimitBytes);
    }

    public boolean tls() {
        return tlsCertChain.isPresent();
    }
}

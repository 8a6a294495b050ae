package io.queryflux.protocol.trino;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the Trino HTTP frontend.
 *
 * @param externalAddress the base URI clients reach this server by (behind a load balancer or
 *     proxy); when empty, each {@code nextUri} is built from the request's own Host header
 * @param clientTimeout how long a query may go without a poll before it is cancelled and its
 *     group slot freed ({@code queryflux.frontends.trinoHttp.clientTimeout})
 * @param maxRowsPerPage the most rows one page (one GET) reads from the engine
 * @param targetPageBytes once a page's encoded rows pass this size, the page ends
 * @param maxWait how long a GET waits for a queued query to start before it answers with the
 *     current state, so clients poll about once a second rather than in a tight loop
 * @param environment the environment name {@code /v1/info} reports
 * @param rawPassthrough forward an engine's Trino-encoded pages undecoded when it offers them
 *     (a Trino cluster); off, every value is decoded and encoded again
 */
public record TrinoHttpConfig(
        Optional<URI> externalAddress,
        Duration clientTimeout,
        int maxRowsPerPage,
        int targetPageBytes,
        Duration maxWait,
        String environment,
        boolean rawPassthrough) {
    public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_ROWS_PER_PAGE = 10_000;
    public static final int DEFAULT_TARGET_PAGE_BYTES = 1 << 20;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    public TrinoHttpConfig {
        requireNonNull(externalAddress, "externalAddress is null");
        requireNonNull(clientTimeout, "clientTimeout is null");
        requireNonNull(maxWait, "maxWait is null");
        requireNonNull(environment, "environment is null");
        externalAddress = externalAddress.map(TrinoHttpConfig::withoutTrailingSlash);
        if (clientTimeout.isNegative() || clientTimeout.isZero()) {
            throw new IllegalArgumentException("clientTimeout must be positive");
        }
        if (maxRowsPerPage < 1) {
            throw new IllegalArgumentException("maxRowsPerPage must be at least 1");
        }
        if (targetPageBytes < 1) {
            throw new IllegalArgumentException("targetPageBytes must be at least 1");
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
    }

    public TrinoHttpConfig(Optional<URI> externalAddress, Duration clientTimeout, int maxRowsPerPage,
            int targetPageBytes, Duration maxWait, String environment) {
        this(externalAddress, clientTimeout, maxRowsPerPage, targetPageBytes, maxWait, environment, true);
    }

    /** The defaults: no external address, 5 minute client timeout, 10,000 rows or 1 MiB a page. */
    public static TrinoHttpConfig defaults() {
        return new TrinoHttpConfig(Optional.empty(), DEFAULT_CLIENT_TIMEOUT, DEFAULT_MAX_ROWS_PER_PAGE,
                DEFAULT_TARGET_PAGE_BYTES, DEFAULT_MAX_WAIT, "queryflux");
    }

    public TrinoHttpConfig withExternalAddress(Optional<URI> address) {
        return new TrinoHttpConfig(address, clientTimeout, maxRowsPerPage, targetPageBytes, maxWait, environment,
                rawPassthrough);
    }

    public TrinoHttpConfig withClientTimeout(Duration timeout) {
        return new TrinoHttpConfig(externalAddress, timeout, maxRowsPerPage, targetPageBytes, maxWait, environment,
                rawPassthrough);
    }

    public TrinoHttpConfig withPageLimits(int rows, int bytes) {
        return new TrinoHttpConfig(externalAddress, clientTimeout, rows, bytes, maxWait, environment, rawPassthrough);
    }

    public TrinoHttpConfig withRawPassthrough(boolean enabled) {
        return new TrinoHttpConfig(externalAddress, clientTimeout, maxRowsPerPage, targetPageBytes, maxWait,
                environment, enabled);
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}

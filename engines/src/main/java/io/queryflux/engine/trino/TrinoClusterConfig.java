package io.queryflux.engine.trino;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach one Trino cluster.
 *
 * @param endpoint the coordinator's base URI, e.g. {@code http://trino:8080}
 * @param authorization the {@code Authorization} header value the proxy sends for this cluster
 *     (basic or bearer); the client's own credentials are never forwarded
 * @param insecureSkipVerify accept any TLS certificate and host name (test clusters only)
 * @param defaultCatalog the catalog when the client's session names none
 * @param defaultSchema the schema when the client's session names none
 * @param requestTimeout the longest a single HTTP exchange with the coordinator may take
 */
public record TrinoClusterConfig(
        URI endpoint,
        Optional<String> authorization,
        boolean insecureSkipVerify,
        Optional<String> defaultCatalog,
        Optional<String> defaultSchema,
        Duration requestTimeout) {
    public TrinoClusterConfig {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(authorization, "authorization is null");
        requireNonNull(defaultCatalog, "defaultCatalog is null");
        requireNonNull(defaultSchema, "defaultSchema is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
    }

    /** A cluster without credentials, TLS checks on, no defaults. */
    public static TrinoClusterConfig of(URI endpoint) {
        return new TrinoClusterConfig(endpoint, Optional.empty(), false, Optional.empty(), Optional.empty(), Duration.ofMinutes(2));
    }
}

package io.queryflux.engine.postgres;

import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineFactory;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.InvalidSettingException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates PostgreSQL engines. Settings: {@code endpoint} ({@code postgresql://host:port/db} or
 * {@code host:port}) or {@code host} and {@code port}; {@code database}; {@code username};
 * {@code password}; {@code poolSize} (default 16); {@code fetchSize} rows per round trip while
 * streaming (default 1000); {@code connectTimeoutSecs} (default 10); {@code sslMode}
 * ({@code disable}, {@code prefer} (default), {@code require}, {@code verify-ca},
 * {@code verify-full}) and {@code sslRootCert} (PEM file; default the JVM's trust store), see
 * {@link PgTls}.
 */
public final class PostgresEngineFactory implements EngineFactory {
    static final String ENDPOINT = "endpoint";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String DATABASE = "database";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String POOL_SIZE = "poolSize";
    static final String FETCH_SIZE = "fetchSize";
    static final String SHORT_QUERIES_FIRST = "shortQueriesFirst";
    static final String FORWARD_WIRE = "forwardWire";
    static final String CONNECT_TIMEOUT = "connectTimeoutSecs";
    static final String SSL_MODE = "sslMode";
    static final String SSL_ROOT_CERT = "sslRootCert";

    @Override
    public EngineType type() {
        return EngineType.POSTGRES;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(ENDPOINT, HOST, PORT, DATABASE, USERNAME, PASSWORD, POOL_SIZE, FETCH_SIZE, CONNECT_TIMEOUT,
                SHORT_QUERIES_FIRST, FORWARD_WIRE, SSL_MODE, SSL_ROOT_CERT);
    }

    @Override
    public Engine create(String clusterName, Map<String, String> settings) {
        String host;
        int port;
        Optional<String> endpointDatabase = Optional.empty();
        String endpoint = settings.get(ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            URI uri = parseEndpoint(endpoint);
            host = uri.getHost();
            port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            endpointDatabase = path.isEmpty() ? Optional.empty() : Optional.of(path);
        } else {
            host = require(settings, HOST);
            port = positive(settings, PORT, 5432);
        }
        Optional<String> fromEndpoint = endpointDatabase;
        String database = Optional.ofNullable(settings.get(DATABASE)).filter(d -> !d.isBlank()).or(() -> fromEndpoint)
                .orElseThrow(() -> new InvalidSettingException(DATABASE, "database is required"));
        PostgresSettings parsed = new PostgresSettings(clusterName, host, port, database, require(settings, USERNAME),
                settings.getOrDefault(PASSWORD, ""), positive(settings, POOL_SIZE, 16),
                positive(settings, FETCH_SIZE, 1000), positive(settings, CONNECT_TIMEOUT, 10),
                bool(settings, SHORT_QUERIES_FIRST, false), bool(settings, FORWARD_WIRE, true),
                PgTls.of(settings.get(SSL_MODE), settings.get(SSL_ROOT_CERT), SSL_MODE, SSL_ROOT_CERT));
        return PostgresEngine.start(parsed);
    }

    private static URI parseEndpoint(String endpoint) {
        String text = endpoint.contains("://") ? endpoint.replaceFirst("^jdbc:", "") : "postgresql://" + endpoint;
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw new InvalidSettingException(ENDPOINT, "endpoint '" + endpoint + "' has no host");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidSettingException(ENDPOINT, "endpoint '" + endpoint + "' is not host:port or a URL: "
                    + e.getMessage());
        }
    }

    private static String require(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(key, key + " is required");
        }
        return value;
    }

    private static boolean bool(Map<String, String> settings, String key, boolean defaultValue) {
        String value = settings.getOrDefault(key, Boolean.toString(defaultValue)).strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidSettingException(key, key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static int positive(Map<String, String> settings, String key, int defaultValue) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 1) {
                throw new InvalidSettingException(key, key + " must be at least 1, was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, key + " must be a number, was '" + value + "'");
        }
    }
}

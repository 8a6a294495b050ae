package io.queryflux.engine.starrocks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineFactory;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.InvalidSettingException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates StarRocks engines. Settings: {@code endpoint} (host:port of the FE's MySQL port,
 * required), {@code user} (default root), {@code password}, {@code database} (the default
 * database), {@code poolSize} (default 16), {@code connectTimeoutSecs} (default 10).
 */
public final class StarRocksEngineFactory implements EngineFactory {
    static final String ENDPOINT = "endpoint";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String DATABASE = "database";
    static final String POOL_SIZE = "poolSize";
    static final String CONNECT_TIMEOUT = "connectTimeoutSecs";

    @Override
    public EngineType type() {
        return EngineType.STARROCKS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(ENDPOINT, USER, PASSWORD, DATABASE, POOL_SIZE, CONNECT_TIMEOUT);
    }

    @Override
    public Engine create(String clusterName, Map<String, String> settings) {
        String endpoint = Optional.ofNullable(settings.get(ENDPOINT)).filter(e -> !e.isBlank())
                .orElseThrow(() -> new InvalidSettingException(ENDPOINT, "is required (host:port of the MySQL port)"));
        if (!endpoint.matches("[^:/\\s]+:\\d{1,5}")) {
            throw new InvalidSettingException(ENDPOINT, "must be host:port, got '" + endpoint + "'");
        }
        Optional<String> database = Optional.ofNullable(settings.get(DATABASE)).filter(d -> !d.isBlank());
        int poolSize = positive(settings, POOL_SIZE, 16);
        int connectTimeout = positive(settings, CONNECT_TIMEOUT, 10);
        HikariConfig config = new HikariConfig();
        config.setPoolName("starrocks-" + clusterName);
        // Streaming needs client-side statements; YEAR as a number; zero dates as NULL.
        // Per-query round trips avoided: Connector/J would send SET net_write_timeout before every
        // streamed query (netTimeoutForStreamingResults); the session gets it once at connect
        // instead. Local session state and elided autocommit calls spare Hikari's resets a trip.
        // JDBC escapes ({fn ...}, {d '...'}) are not part of the SQL clients send through the
        // proxy, so Connector/J must not rewrite them; JdbcExecution closes every statement, so
        // the driver need not track them.
        config.setJdbcUrl("jdbc:mysql://" + endpoint + "/?useServerPrepStmts=false&useCursorFetch=false"
                + "&yearIsDateType=false&tinyInt1isBit=true&zeroDateTimeBehavior=CONVERT_TO_NULL"
                + "&allowPublicKeyRetrieval=true&sslMode=PREFERRED&connectTimeout=" + connectTimeout * 1000
                + "&netTimeoutForStreamingResults=0&sessionVariables=net_write_timeout=600"
                + "&useLocalSessionState=true&elideSetAutoCommits=true&maintainTimeStats=false"
                + "&cacheServerConfiguration=true&enableEscapeProcessing=false&dontTrackOpenResources=true");
        config.setUsername(settings.getOrDefault(USER, "root"));
        config.setPassword(settings.getOrDefault(PASSWORD, ""));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(connectTimeout * 1000L);
        // The engine must start even when the cluster is down; health checks report it.
        config.setInitializationFailTimeout(-1);
        return new StarRocksEngine(new HikariDataSource(config), new StarRocksFlavor(database));
    }

    private static int positive(Map<String, String> settings, String key, int fallback) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(key, "must be a positive integer, got '" + value + "'");
    }
}

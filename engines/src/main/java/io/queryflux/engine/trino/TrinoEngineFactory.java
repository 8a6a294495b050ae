package io.queryflux.engine.trino;

import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineFactory;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.InvalidSettingException;
import io.queryflux.engine.settings.EngineSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates Trino engines. Settings: {@code endpoint} (required, http or https), {@code auth.type}
 * ({@code basic} with {@code auth.username} and {@code auth.password}, or {@code bearer} with
 * {@code auth.token}), {@code tls.insecureSkipVerify}, {@code catalog} and {@code schema}
 * (defaults for sessions that name none), {@code requestTimeoutSecs} (default 120).
 */
public final class TrinoEngineFactory implements EngineFactory {
    static final String ENDPOINT = "endpoint";
    static final String AUTH_TYPE = "auth.type";
    static final String AUTH_USERNAME = "auth.username";
    static final String AUTH_PASSWORD = "auth.password";
    static final String AUTH_TOKEN = "auth.token";
    static final String TLS_INSECURE_SKIP_VERIFY = "tls.insecureSkipVerify";
    static final String CATALOG = "catalog";
    static final String SCHEMA = "schema";
    static final String REQUEST_TIMEOUT_SECS = "requestTimeoutSecs";

    @Override
    public EngineType type() {
        return EngineType.TRINO;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(ENDPOINT, AUTH_TYPE, AUTH_USERNAME, AUTH_PASSWORD, AUTH_TOKEN, TLS_INSECURE_SKIP_VERIFY,
                CATALOG, SCHEMA, REQUEST_TIMEOUT_SECS);
    }

    @Override
    public Engine create(String clusterName, Map<String, String> settings) {
        return new TrinoEngine(config(settings));
    }

    static TrinoClusterConfig config(Map<String, String> settings) {
        EngineSettings s = new EngineSettings(settings);
        return new TrinoClusterConfig(
                endpoint(s.required(ENDPOINT)),
                authorization(s),
                s.flag(TLS_INSECURE_SKIP_VERIFY),
                s.optional(CATALOG),
                s.optional(SCHEMA),
                Duration.ofSeconds(s.positiveInt(REQUEST_TIMEOUT_SECS, 120)));
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidSettingException(ENDPOINT, "must be an http:// or https:// URL, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(ENDPOINT, "is not a URL: " + e.getMessage());
        }
    }

    private static Optional<String> authorization(EngineSettings s) {
        Optional<String> type = s.optional(AUTH_TYPE);
        if (type.isEmpty()) {
            for (String key : Set.of(AUTH_USERNAME, AUTH_PASSWORD, AUTH_TOKEN)) {
                if (s.optional(key).isPresent()) {
                    throw new InvalidSettingException(AUTH_TYPE, "is required when " + key + " is set");
                }
            }
            return Optional.empty();
        }
        return switch (type.get()) {
            case "basic" -> {
                String credentials = s.required(AUTH_USERNAME) + ":" + s.required(AUTH_PASSWORD);
                yield Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            case "bearer" -> Optional.of("Bearer " + s.required(AUTH_TOKEN));
            default -> throw new InvalidSettingException(AUTH_TYPE, "must be basic or bearer, got '" + type.get() + "'");
        };
    }
}

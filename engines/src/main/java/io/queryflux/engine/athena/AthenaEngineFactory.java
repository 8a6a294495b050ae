package io.queryflux.engine.athena;

import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineFactory;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.InvalidSettingException;
import io.queryflux.engine.settings.EngineSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates Athena engines. Settings: {@code region} (required), {@code workgroup} (default
 * {@code primary}), {@code catalog} (default {@code AwsDataCatalog}), {@code database},
 * {@code s3OutputLocation}, {@code auth.accessKeyId} with {@code auth.secretAccessKey} and
 * optionally {@code auth.sessionToken} (absent: the default credentials chain),
 * {@code endpointOverride}, {@code maxWaitSecs} (default 1800), {@code pollInitialMillis}
 * (default 100), {@code pollMaxMillis} (default 2000), {@code retry.maxAttempts} (default 5),
 * {@code retry.baseDelayMillis} (default 100).
 */
public final class AthenaEngineFactory implements EngineFactory {
    static final String REGION = "region";
    static final String WORKGROUP = "workgroup";
    static final String CATALOG = "catalog";
    static final String DATABASE = "database";
    static final String S3_OUTPUT_LOCATION = "s3OutputLocation";
    static final String ACCESS_KEY_ID = "auth.accessKeyId";
    static final String SECRET_ACCESS_KEY = "auth.secretAccessKey";
    static final String SESSION_TOKEN = "auth.sessionToken";
    static final String ENDPOINT_OVERRIDE = "endpointOverride";
    static final String MAX_WAIT_SECS = "maxWaitSecs";
    static final String POLL_INITIAL_MILLIS = "pollInitialMillis";
    static final String POLL_MAX_MILLIS = "pollMaxMillis";
    static final String RETRY_MAX_ATTEMPTS = "retry.maxAttempts";
    static final String RETRY_BASE_DELAY_MILLIS = "retry.baseDelayMillis";

    @Override
    public EngineType type() {
        return EngineType.ATHENA;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(REGION, WORKGROUP, CATALOG, DATABASE, S3_OUTPUT_LOCATION, ACCESS_KEY_ID, SECRET_ACCESS_KEY,
                SESSION_TOKEN, ENDPOINT_OVERRIDE, MAX_WAIT_SECS, POLL_INITIAL_MILLIS, POLL_MAX_MILLIS,
                RETRY_MAX_ATTEMPTS, RETRY_BASE_DELAY_MILLIS);
    }

    @Override
    public Engine create(String clusterName, Map<String, String> settings) {
        return new AthenaEngine(config(settings));
    }

    static AthenaClusterConfig config(Map<String, String> settings) {
        EngineSettings s = new EngineSettings(settings);
        return new AthenaClusterConfig(
                s.required(REGION),
                s.optional(ENDPOINT_OVERRIDE).map(AthenaEngineFactory::endpoint),
                credentials(s),
                s.optional(WORKGROUP).orElse("primary"),
                s.optional(CATALOG).orElse("AwsDataCatalog"),
                s.optional(DATABASE),
                s.optional(S3_OUTPUT_LOCATION).map(AthenaEngineFactory::s3Location),
                Duration.ofSeconds(s.positiveInt(MAX_WAIT_SECS, 1800)),
                Duration.ofMillis(s.positiveInt(POLL_INITIAL_MILLIS, 100)),
                Duration.ofMillis(s.positiveInt(POLL_MAX_MILLIS, 2000)),
                s.positiveInt(RETRY_MAX_ATTEMPTS, 5),
                Duration.ofMillis(s.positiveInt(RETRY_BASE_DELAY_MILLIS, 100)));
    }

    private static Optional<AthenaClusterConfig.StaticCredentials> credentials(EngineSettings s) {
        Optional<String> keyId = s.optional(ACCESS_KEY_ID);
        Optional<String> secret = s.optional(SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            throw new InvalidSettingException(keyId.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID,
                    "is required with " + (keyId.isPresent() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY));
        }
        if (keyId.isEmpty() && s.optional(SESSION_TOKEN).isPresent()) {
            throw new InvalidSettingException(SESSION_TOKEN, "needs " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY);
        }
        return keyId.map(id -> new AthenaClusterConfig.StaticCredentials(id, secret.orElseThrow(), s.optional(SESSION_TOKEN)));
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(ENDPOINT_OVERRIDE, "is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new InvalidSettingException(ENDPOINT_OVERRIDE, "must be a URL like https://athena.eu-west-1.amazonaws.com");
        }
        return uri;
    }

    private static String s3Location(String text) {
        if (!text.startsWith("s3://")) {
            throw new InvalidSettingException(S3_OUTPUT_LOCATION, "must start with s3://, got '" + text + "'");
        }
        return text;
    }
}

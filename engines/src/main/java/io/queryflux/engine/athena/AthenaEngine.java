package io.queryflux.engine.athena;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.QueryExecution;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupState;

/** Amazon Athena through the AWS SDK v2, one client per cluster. */
public final class AthenaEngine implements Engine {
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(20);

    private final AthenaClusterConfig config;
    private final AthenaClient client;

    public AthenaEngine(AthenaClusterConfig config) {
        this.config = requireNonNull(config, "config is null");
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(config.retryBaseDelay(), MAX_RETRY_DELAY);
        AthenaClientBuilder builder = AthenaClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentialsProvider(config))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.maxAttempts())
                        .backoffStrategy(backoff)
                        .throttlingBackoffStrategy(backoff)
                        .build()));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        this.client = builder.build();
    }

    private static AwsCredentialsProvider credentialsProvider(AthenaClusterConfig config) {
        return config.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(c.sessionToken()
                        .<AwsCredentials>map(token -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), token))
                        .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    @Override
    public EngineType type() {
        return EngineType.ATHENA;
    }

    @Override
    public Optional<String> defaultSchema() {
        return config.database();
    }

    @Override
    public QueryExecution prepare(EngineQuery query) {
        return new AthenaExecution(client, config, query);
    }

    /** Healthy when the workgroup exists and is enabled. */
    @Override
    public ClusterHealth checkHealth(Duration timeout) {
        try {
            WorkGroup workGroup = client.getWorkGroup(r -> r.workGroup(config.workgroup())
                            .overrideConfiguration(o -> o.apiCallTimeout(timeout)))
                    .workGroup();
            return workGroup.state() == WorkGroupState.ENABLED
                    ? ClusterHealth.healthy()
                    : ClusterHealth.unhealthy("Athena workgroup " + config.workgroup() + " is " + workGroup.stateAsString());
        } catch (SdkException e) {
            return ClusterHealth.unhealthy("GetWorkGroup " + config.workgroup() + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}

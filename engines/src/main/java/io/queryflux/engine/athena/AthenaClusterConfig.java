package io.queryflux.engine.athena;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach Athena for one cluster.
 *
 * @param region the AWS region, e.g. {@code eu-west-1}
 * @param endpointOverride a different Athena endpoint (VPC endpoint, or a test server)
 * @param credentials static credentials; absent means the SDK's default provider chain
 * @param workgroup the workgroup queries run in and health checks look at
 * @param catalog the data catalog when the session names none ({@code AwsDataCatalog})
 * @param database the database when the session names no schema
 * @param outputLocation the S3 result location, unless the workgroup enforces its own
 * @param maxWait how long a query may take from submission to its end state before it is stopped
 * @param pollInitial the first wait between GetQueryExecution calls; it doubles up to {@code pollMax}
 * @param pollMax the longest wait between GetQueryExecution calls
 * @param maxAttempts the SDK's attempts per API call, retries of throttling and 5xx included
 * @param retryBaseDelay the SDK's base backoff between attempts
 */
public record AthenaClusterConfig(
        String region,
        Optional<URI> endpointOverride,
        Optional<StaticCredentials> credentials,
        String workgroup,
        String catalog,
        Optional<String> database,
        Optional<String> outputLocation,
        Duration maxWait,
        Duration pollInitial,
        Duration pollMax,
        int maxAttempts,
        Duration retryBaseDelay) {
    public AthenaClusterConfig {
        requireNonNull(region, "region is null");
        requireNonNull(endpointOverride, "endpointOverride is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(workgroup, "workgroup is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(database, "database is null");
        requireNonNull(outputLocation, "outputLocation is null");
        requireNonNull(maxWait, "maxWait is null");
        requireNonNull(pollInitial, "pollInitial is null");
        requireNonNull(pollMax, "pollMax is null");
        requireNonNull(retryBaseDelay, "retryBaseDelay is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** An access key pair, with a session token for temporary credentials. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        public StaticCredentials {
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(secretAccessKey, "secretAccessKey is null");
            requireNonNull(sessionToken, "sessionToken is null");
        }

        @Override
        public String toString() {
            return "StaticCredentials[" + accessKeyId + ", secret hidden]";
        }
    }
}

package io.queryflux.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.QueryExecution;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A Trino cluster, reached over Trino's own client HTTP protocol. */
public final class TrinoEngine implements Engine {
    private final TrinoHttp http;
    private final Optional<String> defaultSchema;

    public TrinoEngine(TrinoClusterConfig config) {
        this.http = new TrinoHttp(config);
        this.defaultSchema = config.defaultSchema();
    }

    @Override
    public EngineType type() {
        return EngineType.TRINO;
    }

    @Override
    public Optional<String> defaultSchema() {
        return defaultSchema;
    }

    @Override
    public QueryExecution prepare(EngineQuery query) {
        return new TrinoExecution(http, query);
    }

    /** Healthy once the coordinator's {@code /v1/info} says it has finished starting. */
    @Override
    public ClusterHealth checkHealth(Duration timeout) {
        try {
            JsonNode info = http.info(timeout);
            if (info.path("starting").asBoolean(true)) {
                return ClusterHealth.unhealthy("Trino coordinator is still starting");
            }
            if (!info.path("coordinator").asBoolean(false)) {
                return ClusterHealth.unhealthy("endpoint is a Trino worker, not a coordinator");
            }
            return ClusterHealth.healthy();
        } catch (IOException e) {
            return ClusterHealth.unhealthy("GET /v1/info failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClusterHealth.unhealthy("health check interrupted");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}

package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.protocol.flight.FlightSqlFrontendConfig;
import java.util.Optional;

/** The enabled frontends; an absent one does not listen. */
public record Frontends(Optional<TrinoHttpListener> trinoHttp, Optional<FlightSqlFrontendConfig> flightSql) {
    public Frontends {
        requireNonNull(trinoHttp, "trinoHttp is null");
        requireNonNull(flightSql, "flightSql is null");
    }
}

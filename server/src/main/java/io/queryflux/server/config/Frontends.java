package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.protocol.flight.FlightSqlFrontendConfig;
import io.queryflux.protocol.mysql.MySqlFrontendConfig;
import io.queryflux.protocol.pg.PgFrontendConfig;
import java.util.Optional;

/** The enabled frontends; an absent one does not listen. */
public record Frontends(Optional<TrinoHttpListener> trinoHttp, Optional<PgFrontendConfig> postgresWire,
        Optional<MySqlFrontendConfig> mysqlWire,
        Optional<FlightSqlFrontendConfig> flightSql) {
    public Frontends {
        requireNonNull(trinoHttp, "trinoHttp is null");
        requireNonNull(postgresWire, "postgresWire is null");
        requireNonNull(mysqlWire, "mysqlWire is null");
        requireNonNull(flightSql, "flightSql is null");
    }
}

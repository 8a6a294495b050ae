package io.queryflux.dispatch;

import java.util.Arrays;
import java.util.Optional;

/** The client protocols the proxy speaks, by the names config and metrics use. */
public enum Protocol {
    TRINO_HTTP("trinoHttp"),
    POSTGRES_WIRE("postgresWire"),
    MYSQL_WIRE("mysqlWire"),
    FLIGHT_SQL("flightSql");

    private final String configName;

    Protocol(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<Protocol> fromConfigName(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }
}

package io.queryflux.engine;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of engine a cluster can be, by the name the config uses. */
public enum EngineType {
    TRINO("trino"),
    DUCKDB("duckDb"),
    STARROCKS("starRocks"),
    ATHENA("athena"),
    POSTGRES("postgres");

    private final String configName;

    EngineType(String configName) {
        this.configName = configName;
    }

    /** The name used in config files, metrics labels and the admin API. */
    public String configName() {
        return configName;
    }

    public static Optional<EngineType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equalsIgnoreCase(name)).findFirst();
    }
}

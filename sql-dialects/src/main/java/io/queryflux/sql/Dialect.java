package io.queryflux.sql;

import java.util.Locale;
import java.util.Optional;

/** A SQL dialect spoken by a client (source) or an engine (target). */
public enum Dialect {
    TRINO("trino"),
    DUCKDB("duckdb"),
    POSTGRES("postgres"),
    MYSQL("mysql"),
    STARROCKS("starrocks"),
    /** Athena engine v3 runs Trino, so it speaks Trino's SQL. */
    ATHENA("athena");

    private final String configName;

    Dialect(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<Dialect> fromConfigName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            if (dialect.configName.equals(wanted)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /**
     * The dialect whose rules this one shares. The rule tables are written for four families;
     * Athena v3 is Trino and StarRocks accepts MySQL's syntax and functions.
     */
    Dialect family() {
        return switch (this) {
            case ATHENA -> TRINO;
            case STARROCKS -> MYSQL;
            default -> this;
        };
    }
}

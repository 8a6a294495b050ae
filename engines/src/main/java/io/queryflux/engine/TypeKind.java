package io.queryflux.engine;

/** The families of SQL types in the result model, named as Trino names them. */
public enum TypeKind {
    BOOLEAN("boolean"),
    TINYINT("tinyint"),
    SMALLINT("smallint"),
    INTEGER("integer"),
    BIGINT("bigint"),
    REAL("real"),
    DOUBLE("double"),
    DECIMAL("decimal"),
    VARCHAR("varchar"),
    CHAR("char"),
    VARBINARY("varbinary"),
    DATE("date"),
    TIME("time"),
    TIME_WITH_TIME_ZONE("time with time zone"),
    TIMESTAMP("timestamp"),
    TIMESTAMP_WITH_TIME_ZONE("timestamp with time zone"),
    INTERVAL_DAY_TO_SECOND("interval day to second"),
    INTERVAL_YEAR_TO_MONTH("interval year to month"),
    JSON("json"),
    UUID("uuid"),
    ARRAY("array"),
    MAP("map"),
    ROW("row"),
    /** The type of an untyped NULL literal. */
    UNKNOWN("unknown");

    private final String trinoName;

    TypeKind(String trinoName) {
        this.trinoName = trinoName;
    }

    /** The base type name as Trino spells it, without parameters. */
    public String trinoName() {
        return trinoName;
    }
}

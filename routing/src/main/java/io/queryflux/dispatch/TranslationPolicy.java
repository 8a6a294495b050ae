package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.sql.Dialect;
import io.queryflux.sql.SqlTranslator;
import io.queryflux.sql.Translation;
import io.queryflux.sql.TranslationException;
import io.queryflux.sql.TranslationMode;
import java.util.Map;

/**
 * How a query's SQL is brought from its client's dialect to its engine's: the source dialect
 * follows the frontend, the target the engine of the chosen cluster, and the mode is the
 * group's own or the default.
 *
 * @param flightSqlDialect the dialect Flight SQL clients are taken to write (config, default trino)
 * @param groupModes per-group overrides of {@code defaultMode}
 */
public record TranslationPolicy(SqlTranslator translator, TranslationMode defaultMode,
        Map<String, TranslationMode> groupModes, Dialect flightSqlDialect) {
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    public TranslationPolicy {
        requireNonNull(translator, "translator is null");
        requireNonNull(defaultMode, "defaultMode is null");
        groupModes = Map.copyOf(requireNonNull(groupModes, "groupModes is null"));
        requireNonNull(flightSqlDialect, "flightSqlDialect is null");
    }

    /** Best effort everywhere, Flight SQL clients write Trino SQL. */
    public static TranslationPolicy defaults() {
        return new TranslationPolicy(new SqlTranslator(DEFAULT_CACHE_SIZE), TranslationMode.BEST_EFFORT, Map.of(),
                Dialect.TRINO);
    }

    /**
     * Translates for the engine.
     *
     * @throws QueryException {@link ErrorCode#NOT_SUPPORTED} naming the construct, in strict mode
     */
    public Translation translate(String sql, Protocol protocol, String group, EngineType engine)
            throws QueryException {
        try {
            return translator.translate(sql, sourceOf(protocol), targetOf(engine), modeOf(group));
        } catch (TranslationException e) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED, e.getMessage(), e);
        }
    }

    public TranslationMode modeOf(String group) {
        return groupModes.getOrDefault(group, defaultMode);
    }

    public Dialect sourceOf(Protocol protocol) {
        return switch (protocol) {
            case TRINO_HTTP -> Dialect.TRINO;
            case POSTGRES_WIRE -> Dialect.POSTGRES;
            case MYSQL_WIRE -> Dialect.MYSQL;
            case FLIGHT_SQL -> flightSqlDialect;
        };
    }

    public static Dialect targetOf(EngineType engine) {
        return switch (engine) {
            case TRINO -> Dialect.TRINO;
            case DUCKDB -> Dialect.DUCKDB;
            case STARROCKS -> Dialect.STARROCKS;
            case ATHENA -> Dialect.ATHENA;
            case POSTGRES -> Dialect.POSTGRES;
        };
    }
}

package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a statement would return and what its {@code $n} parameters are, found by the engine
 * without running it: the answer to a query whose {@link EngineQuery#forwardFormats()} hold
 * {@link #REQUEST}, from engines whose {@link Engine#describesAnyStatement()} says so. Frontends
 * whose clients prepare statements and leave parameter types to the server (PostgreSQL's
 * ParameterDescription, which asyncpg encodes values by) ask for it. A cursor with no rows.
 *
 * @param columns what the statement returns (empty for one that returns no rows)
 * @param parameterTypes each parameter's type in {@code $n} order; {@link SqlType#UNKNOWN} where
 *     the engine could not infer it
 */
public record StatementDescription(List<Column> columns, List<SqlType> parameterTypes) implements ResultCursor {
    /** The forward format that asks for a description instead of a result. */
    public static final String REQUEST = "describe-statement";

    public StatementDescription {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        parameterTypes = List.copyOf(requireNonNull(parameterTypes, "parameterTypes is null"));
    }

    /** Whether a query with these forward formats asks for a description. */
    public static boolean requested(Set<String> forwardFormats) {
        return forwardFormats.contains(REQUEST);
    }

    @Override
    public boolean next() {
        return false;
    }

    @Override
    public Object value(int column) {
        throw new IllegalStateException("a statement description has no rows");
    }

    @Override
    public OptionalLong updateCount() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {}
}

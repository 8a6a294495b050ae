package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import io.queryflux.engine.SqlType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a prepared statement takes and returns, found by Describe: its columns, PostgreSQL's
 * own RowDescription and ParameterDescription when a postgres engine described it, so the client
 * sees PostgreSQL's exact types (and chooses binary formats by them), and the parameter types
 * another engine inferred.
 */
record Described(List<Column> columns, Optional<byte[]> rowDescription, Optional<byte[]> parameterDescription) {
    Described {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(rowDescription, "rowDescription is null");
        requireNonNull(parameterDescription, "parameterDescription is null");
    }

    static Described of(List<Column> columns) {
        return new Described(columns, Optional.empty(), Optional.empty());
    }

    /** Columns, and parameters of these type OIDs (an engine's description turned into PostgreSQL's). */
    static Described withParameters(List<Column> columns, List<Integer> parameterTypes) {
        ByteBuffer body = ByteBuffer.allocate(2 + 4 * parameterTypes.size()).putShort((short) parameterTypes.size());
        parameterTypes.forEach(body::putInt);
        return new Described(columns, Optional.empty(), Optional.of(body.array()));
    }

    /** Whether it says what the statement returns: PostgreSQL's RowDescription, or columns all typed. */
    boolean describesColumns() {
        return rowDescription.isPresent()
                || !columns.isEmpty() && columns.stream().noneMatch(c -> c.type().equals(SqlType.UNKNOWN));
    }

    /** The same parameters, for a statement that returns no rows. */
    Described withoutColumns() {
        return new Described(List.of(), Optional.empty(), parameterDescription);
    }

    /** The parameter type OIDs described; empty when nobody described them. */
    List<Integer> parameterTypes() {
        if (parameterDescription.isEmpty()) {
            return List.of();
        }
        ByteBuffer in = ByteBuffer.wrap(parameterDescription.get());
        int count = in.getShort() & 0xffff;
        List<Integer> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(in.getInt());
        }
        return types;
    }
}

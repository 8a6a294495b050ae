package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.Column;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a prepared statement takes and returns, found by Describe: its columns, and PostgreSQL's
 * own RowDescription and ParameterDescription when a postgres engine described it, so the client
 * sees PostgreSQL's exact types (and chooses binary formats by them).
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

    /** The parameter type OIDs PostgreSQL described; empty when it did not. */
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

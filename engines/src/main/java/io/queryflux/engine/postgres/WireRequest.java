package io.queryflux.engine.postgres;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.PgWireCopyIn;
import io.queryflux.engine.PgWireDescription;
import io.queryflux.engine.PgWireRows;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How a statement the PostgreSQL frontend forwards goes to PostgreSQL on the engine's own connection. */
sealed interface WireRequest {
    /** A simple-protocol Query: text rows, or a COPY. */
    record Simple() implements WireRequest {}

    /** Parse, Bind with the client's result formats, Describe, Execute, Sync. */
    record InResultFormats(List<Integer> formats) implements WireRequest {
        public InResultFormats {
            formats = List.copyOf(requireNonNull(formats, "formats is null"));
        }
    }

    /** Parse with the declared parameter types and Describe of the statement, Sync: nothing runs. */
    record DescribeOnly(List<Integer> parameterTypes) implements WireRequest {
        public DescribeOnly {
            parameterTypes = List.copyOf(requireNonNull(parameterTypes, "parameterTypes is null"));
        }
    }

    /** What the caller's forward formats ask for, if the engine's connections can serve it. */
    static Optional<WireRequest> of(Set<String> forwardFormats) {
        Optional<List<Integer>> describe = PgWireDescription.parameterTypes(forwardFormats);
        if (describe.isPresent()) {
            return Optional.of(new DescribeOnly(describe.get()));
        }
        Optional<List<Integer>> formats = PgWireRows.resultFormats(forwardFormats);
        if (formats.isPresent()) {
            return Optional.of(new InResultFormats(formats.get()));
        }
        return forwardFormats.contains(PgWireRows.FORMAT) || forwardFormats.contains(PgWireCopyIn.FORMAT)
                ? Optional.of(new Simple()) : Optional.empty();
    }
}

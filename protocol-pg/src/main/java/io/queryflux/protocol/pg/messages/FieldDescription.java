package io.queryflux.protocol.pg.messages;

import static java.util.Objects.requireNonNull;

/** One column of a RowDescription. */
public record FieldDescription(String name, int typeOid, int typeSize, int typeModifier, Format format) {
    public FieldDescription {
        requireNonNull(name, "name is null");
        requireNonNull(format, "format is null");
    }
}

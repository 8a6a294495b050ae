package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

/** A result column: its label and type. */
public record Column(String name, SqlType type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}

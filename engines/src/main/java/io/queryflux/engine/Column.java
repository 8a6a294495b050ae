package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A result column: its label and type. */
public record Column(String name, SqlType type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    /** The columns with the labels {@code names}, in order, and their own types. */
    public static List<Column> renamed(List<Column> columns, List<String> names) {
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + columns.size() + " columns");
        }
        Column[] result = new Column[columns.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = new Column(names.get(i), columns.get(i).type());
        }
        return List.of(result);
    }
}

package io.queryflux.protocol.mysql.codec;

import static java.util.Objects.requireNonNull;

/**
 * ColumnDefinition41: one result column as the client sees it.
 *
 * @param schema the database of the column's table, or empty
 * @param table the table alias, or empty
 * @param name the column label
 * @param collation the character set/collation id (63 = binary)
 * @param length the maximum display length
 * @param type the MySQL column type byte
 * @param flags column flags (BINARY, UNSIGNED, BLOB, ...)
 * @param decimals digits after the point, or 31 for "not fixed"
 */
public record ColumnDefinition(
        String schema, String table, String name, int collation, long length, int type, int flags, int decimals) {
    public ColumnDefinition {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(name, "name is null");
    }

    public PayloadWriter encode(PayloadWriter w) {
        return w.lenencAscii("def").lenencString(schema).lenencString(table).lenencString(table)
                .lenencString(name).lenencString(name)
                .lenencInt(0x0c).int2(collation).int4(length).int1(type).int2(flags).int1(decimals).int2(0);
    }
}

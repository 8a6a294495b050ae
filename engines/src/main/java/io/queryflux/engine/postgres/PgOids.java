package io.queryflux.engine.postgres;

import io.queryflux.engine.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The result model's columns for a RowDescription, from PostgreSQL's built-in type OIDs. */
final class PgOids {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(16, "bool"), Map.entry(17, "bytea"), Map.entry(20, "int8"), Map.entry(21, "int2"),
            Map.entry(23, "int4"), Map.entry(26, "oid"), Map.entry(114, "json"), Map.entry(700, "float4"),
            Map.entry(701, "float8"), Map.entry(1042, "bpchar"), Map.entry(1043, "varchar"), Map.entry(1082, "date"),
            Map.entry(1083, "time"), Map.entry(1114, "timestamp"), Map.entry(1184, "timestamptz"),
            Map.entry(1266, "timetz"), Map.entry(1700, "numeric"), Map.entry(2950, "uuid"), Map.entry(3802, "jsonb"),
            Map.entry(1000, "_bool"), Map.entry(1005, "_int2"), Map.entry(1007, "_int4"), Map.entry(1016, "_int8"),
            Map.entry(1021, "_float4"), Map.entry(1022, "_float8"), Map.entry(1231, "_numeric"),
            Map.entry(1009, "_text"), Map.entry(1015, "_varchar"));

    private PgOids() {}

    static List<Column> columns(byte[] rowDescription) {
        int count = ((rowDescription[0] & 0xff) << 8) | (rowDescription[1] & 0xff);
        List<Column> columns = new ArrayList<>(count);
        int at = 2;
        for (int i = 0; i < count; i++) {
            int end = at;
            while (rowDescription[end] != 0) {
                end++;
            }
            String name = new String(rowDescription, at, end - at, java.nio.charset.StandardCharsets.UTF_8);
            at = end + 1 + 4 + 2; // table OID, attribute number
            int oid = PgWireConnection.readInt(rowDescription, at);
            int modifier = PgWireConnection.readInt(rowDescription, at + 6);
            at += 4 + 2 + 4 + 2; // type OID, size, modifier, format
            columns.add(new Column(name, type(oid, modifier)));
        }
        return List.copyOf(columns);
    }

    private static io.queryflux.engine.SqlType type(int oid, int modifier) {
        String name = NAMES.getOrDefault(oid, "text");
        int precision = 0;
        int scale = 0;
        if (modifier >= 4) {
            // numeric packs (precision << 16 | scale) + 4; varchar and bpchar carry length + 4
            precision = name.equals("numeric") ? (modifier - 4) >> 16 : modifier - 4;
            scale = name.equals("numeric") ? (modifier - 4) & 0xffff : 0;
        }
        return PostgresTypes.sqlType(name, precision, scale);
    }
}

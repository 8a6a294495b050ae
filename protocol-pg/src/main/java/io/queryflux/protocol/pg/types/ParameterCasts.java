package io.queryflux.protocol.pg.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The types a statement gives its parameters by casting them ({@code $1::int},
 * {@code CAST($2 AS date)}), which PostgreSQL would report in ParameterDescription. Clients
 * that leave parameter types to the server (asyncpg) encode their values by them; without them
 * every parameter would be text. Only types whose binary form the proxy reads are taken, and
 * arrays of them ({@code $1::int[]}: node-postgres sends an array in PostgreSQL's array text).
 */
public final class ParameterCasts {
    /** A type name, then {@code []} (or {@code [3]}: PostgreSQL ignores sizes) for an array of it, of any dimensions. */
    private static final String TYPE = "(?:pg_catalog\\s*\\.\\s*)?(double\\s+precision|character\\s+varying"
            + "|timestamp\\s+with(?:out)?\\s+time\\s+zone|time\\s+without\\s+time\\s+zone|\\w+)(?!\\w)"
            + "((?:\\s*\\[\\s*\\d*\\s*\\])*)";
    private static final Pattern CAST = Pattern.compile(
            "\\$(\\d+)\\s*::\\s*" + TYPE + "|\\bCAST\\s*\\(\\s*\\$(\\d+)\\s+AS\\s+" + TYPE + "\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, PgType> NAMES = Map.ofEntries(Map.entry("int2", PgType.INT2),
            Map.entry("smallint", PgType.INT2), Map.entry("int", PgType.INT4), Map.entry("int4", PgType.INT4),
            Map.entry("integer", PgType.INT4), Map.entry("int8", PgType.INT8), Map.entry("bigint", PgType.INT8),
            Map.entry("float4", PgType.FLOAT4), Map.entry("real", PgType.FLOAT4), Map.entry("float8", PgType.FLOAT8),
            Map.entry("float", PgType.FLOAT8), Map.entry("double precision", PgType.FLOAT8),
            Map.entry("numeric", PgType.NUMERIC), Map.entry("decimal", PgType.NUMERIC), Map.entry("text", PgType.TEXT),
            Map.entry("varchar", PgType.VARCHAR), Map.entry("character varying", PgType.VARCHAR),
            Map.entry("bool", PgType.BOOL), Map.entry("boolean", PgType.BOOL), Map.entry("bytea", PgType.BYTEA),
            Map.entry("date", PgType.DATE), Map.entry("time", PgType.TIME),
            Map.entry("time without time zone", PgType.TIME), Map.entry("timestamp", PgType.TIMESTAMP),
            Map.entry("timestamp without time zone", PgType.TIMESTAMP), Map.entry("timestamptz", PgType.TIMESTAMPTZ),
            Map.entry("timestamp with time zone", PgType.TIMESTAMPTZ), Map.entry("uuid", PgType.UUID),
            Map.entry("json", PgType.JSON), Map.entry("oid", PgType.OID));

    private ParameterCasts() {}

    /**
     * The declared types with each unspecified one (0) replaced by the type of a cast of that
     * parameter, when the statement has one; {@code count} types in all.
     */
    public static List<Integer> complete(String sql, List<Integer> declared, int count) {
        List<Integer> types = new ArrayList<>(declared);
        while (types.size() < count) {
            types.add(0);
        }
        if (!types.contains(0) || sql.indexOf('$') < 0) {
            return types;
        }
        Matcher cast = CAST.matcher(sql);
        while (cast.find()) {
            boolean colons = cast.group(1) != null;
            int index = Integer.parseInt(colons ? cast.group(1) : cast.group(4)) - 1;
            String name = (colons ? cast.group(2) : cast.group(5)).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean array = !(colons ? cast.group(3) : cast.group(6)).isEmpty();
            PgType type = NAMES.get(name);
            if (index < types.size() && types.get(index) == 0 && type != null) {
                types.set(index, array ? type.arrayOid() : type.oid());
            }
        }
        return types;
    }
}

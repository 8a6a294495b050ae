package io.queryflux.protocol.pg.catalog;

import io.queryflux.engine.Column;
import io.queryflux.engine.ListCursor;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.protocol.pg.sql.SqlText;
import io.queryflux.protocol.pg.types.PgType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * asyncpg's type introspection (its {@code typeinfo_tree} query), answered from the types the
 * proxy knows. asyncpg has codecs for scalar types but learns an array type (int8[] for a list
 * parameter or an array column) from this query, whose oid[] and text[] columns, pg_range join and
 * regtype casts a catalog mirror on another engine cannot reproduce. The rows are the array types
 * asked for and their element types, as PostgreSQL gives them for built-in types; a type the proxy
 * does not know has no row, and asyncpg says it is unknown.
 */
final class AsyncpgTypeIntrospection {
    /** The OIDs bound to {@code ti.oid = any($1::oid[])}, as Bind writes an oid[] parameter. */
    private static final Pattern REQUESTED = Pattern.compile("ARRAY\\[([0-9,\\s()-]*)]\\s+AS\\s+OID\\[]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final List<Column> COLUMNS = List.of(new Column("oid", SqlType.BIGINT),
            new Column("ns", SqlType.VARCHAR), new Column("name", SqlType.VARCHAR), new Column("kind", SqlType.VARCHAR),
            new Column("basetype", SqlType.BIGINT), new Column("elemtype", SqlType.BIGINT),
            new Column("elemdelim", SqlType.VARCHAR), new Column("range_subtype", SqlType.BIGINT),
            // oid[] and text[] in PostgreSQL; NULL but for composite types, which the proxy has none of.
            new Column("attrtypoids", SqlType.VARCHAR), new Column("attrnames", SqlType.VARCHAR),
            new Column("depth", SqlType.INTEGER), new Column("basetype_name", SqlType.VARCHAR),
            new Column("elemtype_name", SqlType.VARCHAR), new Column("range_subtype_name", SqlType.VARCHAR));

    private AsyncpgTypeIntrospection() {}

    static boolean matches(String sql) {
        return SqlText.containsIgnoreCase(sql, "typeinfo_tree") && SqlText.containsIgnoreCase(sql, "range_subtype")
                && SqlText.containsIgnoreCase(sql, "elemdelim");
    }

    /** The rows for the OIDs the statement was bound with (none for Describe's probe, bound with NULL). */
    static ResultCursor answer(String boundSql) {
        Set<Integer> requested = new LinkedHashSet<>();
        Matcher array = REQUESTED.matcher(boundSql);
        if (array.find()) {
            NUMBER.matcher(array.group(1)).results().forEach(m -> requested.add(Integer.parseInt(m.group())));
        }
        List<Object[]> elements = new ArrayList<>();
        List<Object[]> asked = new ArrayList<>();
        for (int oid : requested) {
            Optional<PgType> element = PgType.byArrayOid(oid);
            if (element.isPresent()) {
                asked.add(row(oid, "_" + element.get().typeName(), element.get(), 0));
                elements.add(row(element.get().oid(), element.get().typeName(), null, 1));
            } else {
                PgType.byOid(oid).filter(t -> t != PgType.UNKNOWN)
                        .ifPresent(t -> asked.add(row(t.oid(), t.typeName(), null, 0)));
            }
        }
        // Deepest first, as asyncpg's ORDER BY depth DESC gives them; once each, as its SELECT DISTINCT.
        Map<String, Object[]> rows = new LinkedHashMap<>();
        Stream.concat(elements.stream(), asked.stream()).forEach(row -> rows.putIfAbsent(row[0] + "/" + row[10], row));
        return ListCursor.ofArrays(COLUMNS, List.copyOf(rows.values()));
    }

    private static Object[] row(int oid, String name, PgType element, int depth) {
        return new Object[] {(long) oid, "pg_catalog", name, "b", null, element == null ? 0L : (long) element.oid(),
                element == null ? null : ",", null, null, null, depth, null,
                element == null ? "-" : element.typeName(), null};
    }
}

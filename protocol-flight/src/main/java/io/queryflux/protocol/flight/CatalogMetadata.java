package io.queryflux.protocol.flight;

import static io.queryflux.protocol.flight.sql.SqlLiterals.identifier;
import static io.queryflux.protocol.flight.sql.SqlLiterals.string;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.engine.Column;
import io.queryflux.engine.QueryException;
import io.queryflux.protocol.flight.arrow.ArrowSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Answers Flight SQL's catalog commands with {@code information_schema} queries run through the
 * dispatcher, so they are routed, queued and authorised like any query. Rows come back in the
 * column order of Flight SQL's fixed result schemas. Table types are reported as JDBC names them:
 * {@code BASE TABLE} becomes {@code TABLE}.
 */
final class CatalogMetadata {
    /** Runs one statement and returns its rows, or its columns when asked to describe. */
    interface Runner {
        List<List<Object>> rows(ClientSession session, String sql) throws QueryException;

        List<Column> columns(ClientSession session, String sql) throws QueryException;
    }

    private static final String TABLE_TYPE =
            "CASE table_type WHEN 'BASE TABLE' THEN 'TABLE' ELSE table_type END";

    private final Runner runner;

    CatalogMetadata(Runner runner) {
        this.runner = runner;
    }

    List<List<Object>> catalogs(ClientSession session) throws QueryException {
        return runner.rows(session, "SELECT DISTINCT catalog_name FROM information_schema.schemata ORDER BY catalog_name");
    }

    List<List<Object>> schemas(ClientSession session, Optional<String> catalog, Optional<String> schemaPattern)
            throws QueryException {
        List<String> where = new ArrayList<>();
        catalog.ifPresent(c -> where.add("catalog_name = " + string(c)));
        schemaPattern.ifPresent(p -> where.add("schema_name LIKE " + string(p)));
        return runner.rows(session, "SELECT catalog_name, schema_name FROM information_schema.schemata"
                + whereClause(where) + " ORDER BY catalog_name, schema_name");
    }

    /** Rows of catalog, schema, table name and type; with the table's IPC schema when asked. */
    List<List<Object>> tables(ClientSession session, Optional<String> catalog, Optional<String> schemaPattern,
            Optional<String> tablePattern, List<String> tableTypes, boolean includeSchema) throws QueryException {
        List<String> where = new ArrayList<>();
        catalog.ifPresent(c -> where.add("table_catalog = " + string(c)));
        schemaPattern.ifPresent(p -> where.add("table_schema LIKE " + string(p)));
        tablePattern.ifPresent(p -> where.add("table_name LIKE " + string(p)));
        if (!tableTypes.isEmpty()) {
            where.add("table_type IN (" + String.join(", ", tableTypes.stream().map(t -> string(t)).toList()) + ")");
        }
        List<List<Object>> tables = runner.rows(session, "SELECT * FROM (SELECT table_catalog, table_schema, table_name, "
                + TABLE_TYPE + " AS table_type FROM information_schema.tables) AS t" + whereClause(where)
                + " ORDER BY table_catalog, table_schema, table_name");
        if (!includeSchema) {
            return tables;
        }
        // One describe per table, after the listing's own query has closed: a query must never
        // wait for a slot while holding one, or a group of one slot would deadlock.
        List<List<Object>> withSchemas = new ArrayList<>(tables.size());
        for (List<Object> table : tables) {
            String name = identifier((String) table.get(0)) + "." + identifier((String) table.get(1)) + "."
                    + identifier((String) table.get(2));
            List<Column> columns = runner.columns(session, "SELECT * FROM " + name + " LIMIT 0");
            List<Object> row = new ArrayList<>(table);
            row.add(serialize(ArrowSchemas.schema(columns)));
            withSchemas.add(row);
        }
        return withSchemas;
    }

    /** The table types present, and always {@code TABLE} and {@code VIEW}, which every engine has. */
    List<List<Object>> tableTypes(ClientSession session) throws QueryException {
        TreeSet<String> types = new TreeSet<>(List.of("TABLE", "VIEW"));
        for (List<Object> row : runner.rows(session, "SELECT DISTINCT " + TABLE_TYPE + " FROM information_schema.tables")) {
            types.add((String) row.get(0));
        }
        return types.stream().map(t -> List.<Object>of(t)).toList();
    }

    private static String whereClause(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    static byte[] serialize(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package io.queryflux.protocol.pg.catalog;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.protocol.pg.sql.SqlText;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers queries on pg_catalog (psql's backslash commands, pgjdbc's DatabaseMetaData, GUI
 * tools' start-up queries) from the routed engine's information_schema: the engine's tables
 * and columns fill a PostgreSQL-shaped pg_catalog (with PostgreSQL type OIDs) in a scratch
 * in-memory DuckDB, which then runs the client's query.
 */
public final class PgCatalog implements AutoCloseable {
    private static final Pattern CATALOG_REFERENCE = Pattern.compile(
            "\\bpg_(catalog|class|namespace|attribute|type|database|settings|proc|description|roles|user|am|index"
                    + "|constraint|attrdef|inherits|tables|views|tablespace|extension|range|enum|collation|auth_members"
                    + "|shdescription|trigger|rewrite|statistic_ext|foreign_table|partitioned_table|sequence"
                    + "|stat_activity|matviews|policy|publication|get_keywords|language|operator|authid|depend"
                    + "|cast|conversion|opclass|opfamily|amop|amproc|ts_config|ts_dict|ts_parser|ts_template|foreign_data_wrapper"
                    + "|foreign_server|user_mappings|largeobject_metadata|db_role_setting|subscription|default_acl"
                    + "|parameter_acl|indexes|stat_user_tables|stat_all_tables|seclabels|locks|stat_gssapi"
                    + "|timezone_names|stat_database|show_all_settings)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INFORMATION_SCHEMA = Pattern.compile(
            "\\binformation_schema\\b\"?\\s*\\.\\s*\"?(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BACKEND_PID = Pattern.compile("\\bpg_backend_pid\\s*\\(\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FUNCTION_CALL = Pattern.compile("\\b(" + String.join("|",
            SystemCatalogDefinitions.FUNCTION_NAMES) + ")\\s*\\(", Pattern.CASE_INSENSITIVE);

    private final ShadowCatalogs shadows;

    public PgCatalog(QueryDispatcher dispatcher) {
        this.shadows = new ShadowCatalogs(requireNonNull(dispatcher, "dispatcher is null"));
    }

    /**
     * True when the statement is the mirror's: it reads the PostgreSQL system catalog, or
     * PostgreSQL's information_schema (only views the mirror has), or reads no table and calls
     * a catalog function.
     */
    public boolean handles(String sql) {
        if (SqlText.containsIgnoreCase(sql, "pg_") && CATALOG_REFERENCE.matcher(sql).find()) {
            return true;
        }
        if (SqlText.containsIgnoreCase(sql, "information_schema")) {
            return readsMirroredInformationSchema(sql);
        }
        // Scans before any regex: this runs for every statement.
        return !SqlText.containsIgnoreCase(sql, "from") && sql.indexOf('(') >= 0
                && SqlText.firstWord(sql).equals("SELECT") && FUNCTION_CALL.matcher(sql).find();
    }

    private static boolean readsMirroredInformationSchema(String sql) {
        Matcher view = INFORMATION_SCHEMA.matcher(sql);
        boolean any = false;
        while (view.find()) {
            if (!SystemCatalogDefinitions.INFORMATION_SCHEMA_NAMES.contains(view.group(1).toLowerCase(Locale.ROOT))) {
                return false; // routines, parameters ...: the engine's own
            }
            any = true;
        }
        return any;
    }

    /**
     * Runs a catalog query against a mirror of the session's engine metadata. Mirrors are shared
     * by sessions alike, so the connection's own process ID is put in the text.
     */
    public ResultCursor run(String sql, ClientSession session, Map<String, String> settings, int processId)
            throws QueryException {
        if (AsyncpgTypeIntrospection.matches(sql)) {
            return AsyncpgTypeIntrospection.answer(sql);
        }
        try {
            String rewritten = BACKEND_PID.matcher(CatalogRewriter.rewrite(sql)).replaceAll(Integer.toString(processId));
            return shadows.query(session, settings, rewritten);
        } catch (QueryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "catalog query failed: " + e, e);
        }
    }

    /** Drops every mirror, so the next catalog query sees the engines' current tables. */
    public void invalidate() {
        shadows.invalidate();
    }

    @Override
    public void close() {
        shadows.close();
    }
}

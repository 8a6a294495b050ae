package io.queryflux.protocol.pg.catalog;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import java.util.Map;
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
                    + "|parameter_acl)\\b",
            Pattern.CASE_INSENSITIVE);

    private final ShadowCatalogs shadows;

    public PgCatalog(QueryDispatcher dispatcher) {
        this.shadows = new ShadowCatalogs(requireNonNull(dispatcher, "dispatcher is null"));
    }

    /** True when the statement reads the PostgreSQL system catalog. */
    public boolean handles(String sql) {
        return mentionsPg(sql) && CATALOG_REFERENCE.matcher(sql).find();
    }

    /** Every catalog name starts with pg_; most statements have none, and skip the regex. */
    private static boolean mentionsPg(String sql) {
        for (int i = sql.length() - 3; i >= 0; i--) {
            if (sql.charAt(i + 2) == '_' && sql.regionMatches(true, i, "pg_", 0, 3)) {
                return true;
            }
        }
        return false;
    }

    /** Runs a catalog query against a mirror of the session's engine metadata. */
    public ResultCursor run(String sql, ClientSession session, Map<String, String> settings) throws QueryException {
        try {
            return shadows.query(session, settings, CatalogRewriter.rewrite(sql));
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

package io.queryflux.protocol.mysql.catalog;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ListCursor;
import io.queryflux.protocol.mysql.commands.SqlScanner;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the statements the proxy answers (or rewrites) itself rather than sending them to
 * the engine as written: client chatter, {@code KILL}, transaction control and metadata.
 */
public final class ProxyStatements {
    private static final Pattern KILL = Pattern.compile("KILL\\s+(?:(QUERY|CONNECTION)\\s+)?(\\d+)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BEGIN = Pattern.compile("(?:BEGIN(?:\\s+WORK)?|START\\s+TRANSACTION(?:\\s+.*)?)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ACCESS_MODE = Pattern.compile("\\bREAD\\s+(ONLY|WRITE)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMIT = Pattern.compile("COMMIT(?:\\s+WORK)?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK = Pattern.compile("ROLLBACK(?:\\s+WORK)?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    private static final Pattern USE = Pattern.compile(
            "USE\\s+(" + SqlText.IDENT + ")(?:\\s*\\.\\s*(" + SqlText.IDENT + "))?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    private static final Pattern DDL = Pattern.compile("\\s*(?:CREATE|DROP|ALTER|RENAME|TRUNCATE|ATTACH|DETACH)\\b",
            Pattern.CASE_INSENSITIVE);

    private final String serverVersion;
    private final InformationSchemaMirrors mirrors;

    public ProxyStatements(String serverVersion, InformationSchemaMirrors mirrors) {
        this.serverVersion = requireNonNull(serverVersion, "serverVersion is null");
        this.mirrors = requireNonNull(mirrors, "mirrors is null");
    }

    /**
     * Called after a statement ran on an engine: DDL through the proxy invalidates the metadata
     * mirrors, so a client that creates a table and then browses sees it.
     */
    public void executed(String sql) {
        if (isDdl(sql)) {
            mirrors.invalidate();
        }
    }

    /** Whether the statement changes what tables and columns exist. */
    public boolean isDdl(String sql) {
        return DDL.matcher(sql).lookingAt();
    }

    /**
     * A transaction that ran DDL ended: the mirrors, read from committed data, may have been
     * built again meanwhile without its changes.
     */
    public void transactionChangedSchema() {
        mirrors.invalidate();
    }

    /** Runs a metadata statement on the information_schema mirror of the session's routed engine. */
    public ListCursor catalogQuery(io.queryflux.dispatch.ClientSession session, ProxyAnswer.CatalogQuery query)
            throws io.queryflux.engine.QueryException {
        return mirrors.query(session, query.mirrorSql());
    }

    public Optional<ProxyAnswer> answer(String sql, SessionState session) {
        String statement = SqlScanner.stripLeadingComments(sql);
        if (statement.length() < 3) {
            return Optional.empty();
        }
        if (statement.regionMatches(true, 0, "SELECT", 0, 6)) {
            return select(statement, session);
        }
        if (statement.regionMatches(true, 0, "SET", 0, 3)) {
            return SetStatements.answer(statement, session);
        }
        if (statement.regionMatches(true, 0, "SHOW", 0, 4)) {
            return ShowStatements.answer(statement, session);
        }
        Matcher use = USE.matcher(statement);
        if (use.matches()) {
            String first = SqlText.unquoteIdentifier(use.group(1));
            return Optional.of(use.group(2) == null
                    ? new ProxyAnswer.Use(Optional.empty(), first)
                    : new ProxyAnswer.Use(Optional.of(first), SqlText.unquoteIdentifier(use.group(2))));
        }
        Matcher kill = KILL.matcher(statement);
        if (kill.matches()) {
            return Optional.of(new ProxyAnswer.Kill(Long.parseLong(kill.group(2)), "QUERY".equalsIgnoreCase(kill.group(1))));
        }
        if (BEGIN.matcher(statement).matches()) {
            Matcher access = ACCESS_MODE.matcher(statement);
            return Optional.of(new ProxyAnswer.Transaction(ProxyAnswer.Control.BEGIN,
                    access.find() ? Optional.of(access.group(1).equalsIgnoreCase("ONLY")) : Optional.empty()));
        }
        if (COMMIT.matcher(statement).matches()) {
            return Optional.of(new ProxyAnswer.Transaction(ProxyAnswer.Control.COMMIT));
        }
        if (ROLLBACK.matcher(statement).matches()) {
            return Optional.of(new ProxyAnswer.Transaction(ProxyAnswer.Control.ROLLBACK));
        }
        return Optional.empty();
    }

    /**
     * Variable selects ({@code SELECT @@x, DATABASE()}), information_schema queries and the
     * drivers' empty {@code FROM DUAL} selects. Most SELECTs read a table and are none of these:
     * cheap word checks let them pass without regex work (this is on every query's path).
     */
    private Optional<ProxyAnswer> select(String statement, SessionState session) {
        boolean from = SqlText.containsIgnoreCase(statement, "FROM");
        boolean dual = from && SqlText.containsIgnoreCase(statement, "DUAL");
        if (!from || dual) {
            Optional<ProxyAnswer> variables = VariableSelects.answer(statement, session, serverVersion);
            if (variables.isPresent()) {
                return variables;
            }
        }
        if ((from && SqlText.containsIgnoreCase(statement, "information_schema")
                && MirrorSql.readsInformationSchema(statement)) || (dual && MirrorSql.emptyDualSelect(statement))) {
            return Optional.of(new ProxyAnswer.CatalogQuery(MirrorSql.rewrite(statement, session.database()),
                    java.util.List.of(), Optional.empty()));
        }
        return Optional.empty();
    }
}

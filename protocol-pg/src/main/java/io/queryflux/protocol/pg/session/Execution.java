package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.Column;
import io.queryflux.engine.ListCursor;
import io.queryflux.engine.ResultCursor;
import io.queryflux.protocol.pg.sql.CopyToStdout;
import io.queryflux.protocol.pg.sql.SqlText;
import java.util.List;
import java.util.Optional;

/**
 * A started statement: its cursor, the dispatched query behind it (none when the proxy answered
 * itself), and how its CommandComplete tag reads.
 */
final class Execution implements AutoCloseable {
    private static final java.util.Set<String> NOISE = java.util.Set.of("OR", "REPLACE", "TEMP", "TEMPORARY",
            "UNIQUE", "UNLOGGED", "MATERIALIZED", "IF", "GLOBAL", "LOCAL");

    private static final java.util.regex.Pattern INTO = java.util.regex.Pattern.compile("\\bINTO\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private final ResultCursor cursor;
    private final Optional<RunningQuery> query;
    private final String verb;
    private final boolean readOnly;
    private final Optional<CopyToStdout> copyOut;
    /** The query whose rows this reads without owning them (a cursor's, for FETCH): a CancelRequest reaches it. */
    private final Optional<RunningQuery> source;
    /** The columns as the client's database would name them, where the engine names them otherwise. */
    private final Optional<List<Column>> renamed;
    private long rows;
    private boolean exhausted;
    private boolean closed;

    Execution(ResultCursor cursor, Optional<RunningQuery> query, String verb) {
        this(cursor, query, verb, false);
    }

    Execution(ResultCursor cursor, Optional<RunningQuery> query, String verb, boolean readOnly) {
        this(cursor, query, Optional.empty(), verb, readOnly, Optional.empty(), Optional.empty());
    }

    private Execution(ResultCursor cursor, Optional<RunningQuery> query, Optional<RunningQuery> source, String verb,
            boolean readOnly, Optional<CopyToStdout> copyOut, Optional<List<Column>> renamed) {
        this.cursor = requireNonNull(cursor, "cursor is null");
        this.query = requireNonNull(query, "query is null");
        this.source = requireNonNull(source, "source is null");
        this.verb = requireNonNull(verb, "verb is null");
        this.readOnly = readOnly;
        this.copyOut = requireNonNull(copyOut, "copyOut is null");
        this.renamed = requireNonNull(renamed, "renamed is null");
    }

    /** A statement the proxy answered without rows, tagged {@code tag} (PREPARE, CLOSE CURSOR...). */
    static Execution done(String tag) {
        return new Execution(ListCursor.empty(), Optional.empty(), tag);
    }

    /** Rows of {@code source}'s result read by another statement (FETCH of a cursor); closing this leaves it open. */
    static Execution readingFrom(ResultCursor rows, Optional<RunningQuery> source, String verb) {
        return new Execution(rows, Optional.empty(), source, verb, false, Optional.empty(), Optional.empty());
    }

    /** This (not yet read) query's rows, to be sent as COPY output instead; the result takes over its cursor. */
    Execution copyingOut(CopyToStdout copy) {
        return new Execution(cursor, query, source, "COPY", true, Optional.of(copy), renamed);
    }

    /** This (not yet read) result with its columns named {@code names}, in order; the result takes over its cursor. */
    Execution named(List<String> names) {
        return new Execution(cursor, query, source, verb, readOnly, copyOut,
                Optional.of(Column.renamed(cursor.columns(), names)));
    }

    /** Set when the rows go out as COPY data (COPY ... TO STDOUT). */
    Optional<CopyToStdout> copyOut() {
        return copyOut;
    }

    /**
     * A plain query (SELECT, VALUES, TABLE, SHOW without INTO): nothing to commit.
     *
     * @param first the statement's first word, upper case ({@link SqlText#firstWord})
     */
    static boolean isReadOnly(String sql, String first) {
        return (first.equals("SELECT") || first.equals("VALUES") || first.equals("TABLE") || first.equals("SHOW"))
                && !(mentionsInto(sql) && INTO.matcher(SqlText.stripComments(sql)).find());
    }

    /** A cheap test before the regex, which would run on every statement. */
    private static boolean mentionsInto(String sql) {
        for (int i = sql.length() - 4; i >= 0; i--) {
            if ((sql.charAt(i) | 0x20) == 'i' && sql.regionMatches(true, i, "into", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    boolean readOnly() {
        return readOnly;
    }

    /**
     * The tag a statement's CommandComplete carries when it returns no rows, e.g. {@code CREATE TABLE}.
     *
     * @param first the statement's first word, upper case ({@link SqlText#firstWord})
     */
    static String verbOf(String sql, String first) {
        return switch (first) {
            case "" -> "SELECT";
            // Only these need more than the first word, which is all most statements pay for.
            case "CREATE", "DROP", "ALTER" -> first + SqlText.leadingWords(sql, 6).stream().skip(1)
                    .filter(w -> !NOISE.contains(w)).findFirst().map(w -> " " + w).orElse("");
            // WITH leads to the statement that gives the tag: WITH n AS (...) INSERT ... is an INSERT.
            case "WITH" -> SqlText.statementAfterWith(sql);
            case "VALUES", "TABLE", "FROM" -> "SELECT";
            case "START" -> "BEGIN";
            case "END" -> "COMMIT";
            case "ABORT" -> "ROLLBACK";
            default -> first;
        };
    }

    ResultCursor cursor() {
        return cursor;
    }

    List<Column> columns() {
        return renamed.orElseGet(cursor::columns);
    }

    Optional<RunningQuery> query() {
        return query;
    }

    /** The query a CancelRequest stops while this runs: its own, or the one it reads from. */
    Optional<RunningQuery> cancelTarget() {
        return query.or(() -> source);
    }

    void countRow() {
        rows++;
    }

    boolean exhausted() {
        return exhausted;
    }

    void markExhausted() {
        exhausted = true;
    }

    String tag() {
        if (!cursor.columns().isEmpty()) {
            // A write's RETURNING rows are its count, as PostgreSQL tags them (pgjdbc's executeUpdate with
            // generated keys reads it).
            return switch (verb) {
                case "SHOW" -> verb;
                case "FETCH", "MOVE", "UPDATE", "DELETE", "MERGE" -> verb + " " + rows;
                case "INSERT" -> "INSERT 0 " + rows;
                default -> "SELECT " + rows;
            };
        }
        long count = cursor.updateCount().orElse(-1);
        return switch (verb) {
            case "INSERT" -> "INSERT 0 " + Math.max(count, 0);
            case "UPDATE", "DELETE", "MERGE", "COPY", "SELECT" -> verb + " " + Math.max(count, 0);
            default -> verb;
        };
    }

    void cancel() {
        query.ifPresent(RunningQuery::cancel);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cursor.close();
        } finally {
            query.ifPresent(RunningQuery::close);
        }
    }
}

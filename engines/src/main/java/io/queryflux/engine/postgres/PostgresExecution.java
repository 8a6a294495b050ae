package io.queryflux.engine.postgres;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.jdbc.ColumnReader;
import io.queryflux.engine.jdbc.JdbcColumn;
import io.queryflux.engine.jdbc.JdbcExecution;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One statement on one pooled connection. pgjdbc streams through a cursor only inside a
 * transaction, and BEGIN + COMMIT around every short query costs PostgreSQL as much as the
 * query itself. So a plain query (SELECT, VALUES, TABLE) first runs in autocommit with a row
 * limit of one fetch plus one: when the whole result fits in a fetch (the common, short case)
 * it is kept and the connection goes back to the pool at once. When it does not fit, the
 * partial result is dropped and the statement runs again in a transaction with a cursor, so a
 * large result still streams with bounded memory. Other statements (DML, DDL, WITH, which may
 * modify data) and statements with a session schema (SET LOCAL needs a transaction) always use
 * the transaction.
 */
final class PostgresExecution implements QueryExecution {
    private final Connection connection;
    private final EngineQuery query;
    private final PostgresFlavor flavor;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Statement probe;
    private volatile JdbcExecution streaming;

    PostgresExecution(Connection connection, EngineQuery query, PostgresFlavor flavor) {
        this.connection = requireNonNull(connection, "connection is null");
        this.query = requireNonNull(query, "query is null");
        this.flavor = requireNonNull(flavor, "flavor is null");
    }

    @Override
    public ResultCursor run() throws QueryException {
        if (flavor.shortQueriesFirst() && query.schema().isEmpty() && isPlainQuery(query.sql())) {
            ResultCursor small = runInAutocommit();
            if (small != null) {
                // Everything is read: the connection can serve the next query while the client reads.
                releaseConnection();
                return small;
            }
        }
        JdbcExecution execution = new JdbcExecution(CommitOnClose.wrap(connection), query, flavor);
        streaming = execution;
        if (cancelled.get()) {
            execution.cancel(); // a cancel that came between the two attempts
        }
        return execution.run();
    }

    /** The whole result when it has at most one fetch of rows, else null (it must stream). */
    private ResultCursor runInAutocommit() throws QueryException {
        int limit = flavor.fetchSize();
        try (Statement statement = connection.createStatement()) {
            probe = statement;
            if (cancelled.get()) {
                throw canceled(null);
            }
            // The pool hands out connections in autocommit (its default), so no round trip here.
            statement.setMaxRows(limit + 1);
            statement.setEscapeProcessing(false); // clients send PostgreSQL SQL, not JDBC escapes
            if (!statement.execute(query.sql())) {
                // SELECT ... INTO: no rows, and autocommit has committed it; it must not run twice.
                return SmallResult.updateCount(statement.getLargeUpdateCount());
            }
            try (ResultSet resultSet = statement.getResultSet()) {
                List<JdbcColumn> described = flavor.describe(resultSet.getMetaData());
                ColumnReader[] readers = described.stream().map(JdbcColumn::reader).toArray(ColumnReader[]::new);
                List<Object[]> rows = new ArrayList<>();
                while (resultSet.next()) {
                    if (rows.size() == limit) {
                        return null;
                    }
                    Object[] row = new Object[readers.length];
                    for (int i = 0; i < readers.length; i++) {
                        row[i] = readers[i].read(resultSet, i + 1);
                    }
                    rows.add(row);
                }
                return new SmallResult(described.stream().map(JdbcColumn::column).toList(), rows);
            }
        } catch (SQLException e) {
            throw cancelled.get() ? canceled(e) : flavor.translate(e);
        } finally {
            probe = null;
        }
    }

    private static QueryException canceled(SQLException cause) {
        return new QueryException(ErrorCode.USER_CANCELED, "Query was canceled", cause);
    }

    /**
     * A statement whose first word is SELECT, VALUES or TABLE (after comments and opening
     * parentheses): it reads, so running it a second time when its result is large is safe.
     */
    private static final Pattern WRITES = Pattern.compile("\\b(?:insert|update|delete|merge)\\b", Pattern.CASE_INSENSITIVE);

    static boolean isPlainQuery(String sql) {
        String word = firstWord(sql);
        return word.equalsIgnoreCase("SELECT") || word.equalsIgnoreCase("VALUES") || word.equalsIgnoreCase("TABLE");
    }

    /**
     * A statement whose rows a client reads as a query's: a plain query, a WITH query (which may
     * also write), and one whose text says RETURNING (a word in a string or a name too: a statement
     * taken for one by mistake is forwarded all the same, its answer is PostgreSQL's).
     */
    static boolean returnsRows(String sql) {
        return isPlainQuery(sql) || firstWord(sql).equalsIgnoreCase("WITH")
                || sql.toLowerCase(Locale.ROOT).contains("returning");
    }

    /**
     * A plain query, a WITH query that names no writing command, or a COPY FROM STDIN (which writes
     * nothing before its data comes): sending it again does no harm.
     */
    static boolean runsTwiceSafely(String sql) {
        String first = firstWord(sql);
        return isPlainQuery(sql) || first.equalsIgnoreCase("COPY")
                || first.equalsIgnoreCase("WITH") && !WRITES.matcher(sql).find();
    }

    private static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int end = i;
        while (end < n && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(i, end);
    }

    @Override
    public void cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        Statement running = probe;
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // Best effort: the statement may have finished meanwhile.
            }
        }
        JdbcExecution execution = streaming;
        if (execution != null) {
            execution.cancel();
        }
    }

    @Override
    public void close() {
        JdbcExecution execution = streaming;
        if (execution != null) {
            execution.close(); // commits and gives the connection back
        } else {
            releaseConnection();
        }
    }

    private void releaseConnection() {
        if (closed.compareAndSet(false, true)) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }
}

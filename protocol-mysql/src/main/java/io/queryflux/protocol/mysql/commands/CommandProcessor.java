package io.queryflux.protocol.mysql.commands;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ListCursor;
import io.queryflux.dispatch.ClientTransaction;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.Column;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.TransactionMode;
import io.queryflux.protocol.mysql.catalog.ProxyAnswer;
import io.queryflux.protocol.mysql.catalog.ProxyStatements;
import io.queryflux.protocol.mysql.codec.ErrPacket;
import io.queryflux.protocol.mysql.codec.ErrorNumbers;
import io.queryflux.protocol.mysql.codec.MalformedPacketException;
import io.queryflux.protocol.mysql.codec.Packet;
import io.queryflux.protocol.mysql.codec.PayloadReader;
import io.queryflux.protocol.mysql.codec.PayloadWriter;
import io.queryflux.protocol.mysql.codec.ServerStatus;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs the command phase of one connection: each command packet gets its complete response.
 * Statements the proxy recognises are answered here; the rest go through the dispatcher to
 * the routed engine, and their rows stream to the client as the cursor yields them.
 */
public final class CommandProcessor {
    private static final int CURSOR_TYPE_READ_ONLY = 1;
    private static final int ER_STMT_HAS_NO_OPEN_CURSOR = 1421;
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final MySqlSession session;
    private final ResultWriter writer;
    private final QueryDispatcher dispatcher;
    private final ProxyStatements proxyStatements;
    private final ConnectionRegistry registry;
    private final Map<Long, PreparedStatement> statements = new HashMap<>();
    /** The session's transaction: its statements run in one engine transaction where the engine has them. */
    private final ClientTransaction transaction = new ClientTransaction();
    /** After BEGIN / START TRANSACTION, until COMMIT or ROLLBACK. */
    private boolean explicitTransaction;
    /** The transaction under way ran DDL: the metadata mirrors are stale once it ends. */
    private boolean schemaChangedInTransaction;
    /** START TRANSACTION READ ONLY / READ WRITE of the transaction under way. */
    private Optional<Boolean> beginReadOnly = Optional.empty();
    private long nextStatementId = 1;

    public CommandProcessor(MySqlSession session, ResultWriter writer, QueryDispatcher dispatcher,
            ProxyStatements proxyStatements, ConnectionRegistry registry) {
        this.session = requireNonNull(session, "session is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.proxyStatements = requireNonNull(proxyStatements, "proxyStatements is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    /**
     * Handles one command and writes its response (not flushed).
     *
     * @return false when the client quit
     * @throws MalformedPacketException when the packet cannot be a valid command
     */
    public boolean handle(Packet packet) throws IOException, MalformedPacketException {
        int code = packet.firstByte();
        Optional<Command> command = Command.of(code);
        if (command.isEmpty()) {
            writer.err(ErrPacket.of(ErrorNumbers.ER_UNKNOWN_COM_ERROR, "Unknown command " + code));
            return true;
        }
        PayloadReader r = packet.reader();
        r.skip(1);
        switch (command.get()) {
            case QUIT -> {
                return false;
            }
            case PING, DEBUG -> writer.ok(0, status());
            case INIT_DB -> {
                session.useDatabase(r.restString());
                writer.ok(0, status());
            }
            case QUERY -> query(r.restString());
            case FIELD_LIST -> fieldList(r.nulString());
            case STATISTICS -> writer.raw(new PayloadWriter().string("Uptime: "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000 + "  Threads: "
                    + registry.size() + "  Questions: 0  Slow queries: 0  Opens: 0  Flush tables: 0  Open tables: 0"
                    + "  Queries per second avg: 0.000"));
            case PROCESS_KILL -> kill(new ProxyAnswer.Kill(r.int4(), false));
            case STMT_PREPARE -> prepare(r.restString());
            case STMT_EXECUTE -> execute(r);
            case STMT_SEND_LONG_DATA -> {
                PreparedStatement statement = statements.get(r.int4());
                int parameter = r.int2();
                if (statement != null && parameter < statement.parameterCount()) {
                    statement.appendLongData(parameter, r.restBytes());
                }
            }
            case STMT_CLOSE -> {
                PreparedStatement statement = statements.remove(r.int4());
                if (statement != null) {
                    closeCursor(statement);
                }
            }
            case STMT_RESET -> {
                PreparedStatement statement = statements.get(r.int4());
                if (statement == null) {
                    writer.err(unknownStatement("mysqld_stmt_reset"));
                } else {
                    closeCursor(statement);
                    statement.longData().clear();
                    writer.ok(0, status());
                }
            }
            case STMT_FETCH -> fetch(r.int4(), r.int4());
            case SET_OPTION -> {
                int option = r.int2();
                if (option > 1) {
                    writer.err(ErrPacket.of(ErrorNumbers.ER_UNKNOWN_COM_ERROR, "Unknown option " + option));
                } else {
                    session.multiStatements(option == 0);
                    writer.eof(status());
                }
            }
            case RESET_CONNECTION -> {
                closeSession();
                session.reset();
                writer.ok(0, status());
            }
        }
        return true;
    }

    /**
     * Frees every prepared statement's open cursor and rolls back a transaction left open; called
     * when the connection ends or is reset.
     */
    public void closeSession() {
        try {
            statements.values().forEach(this::closeCursor);
            statements.clear();
        } finally {
            explicitTransaction = false;
            transaction.close();
        }
    }

    /**
     * Whether the session is in a transaction: after BEGIN, or with {@code autocommit} off, until
     * COMMIT or ROLLBACK.
     */
    private boolean inTransaction() {
        return explicitTransaction || !autocommit();
    }

    private boolean autocommit() {
        return session.variables().get("autocommit").flatMap(value -> value)
                .filter(value -> value instanceof Long n && n == 0).isEmpty();
    }

    /** BEGIN commits a transaction already open, as MySQL does; COMMIT and ROLLBACK end it. */
    private boolean transactionControl(ProxyAnswer.Control control, int more) throws IOException {
        try {
            endTransaction(control != ProxyAnswer.Control.ROLLBACK);
        } catch (QueryException e) {
            writer.err(ErrorMapping.toErr(e));
            return false;
        }
        explicitTransaction = control == ProxyAnswer.Control.BEGIN;
        writer.ok(0, status() | more);
        return true;
    }

    /**
     * The isolation level the session set (SET [SESSION] TRANSACTION ISOLATION LEVEL,
     * transaction_isolation) when it is not MySQL's default, which engines do not share, and the
     * access mode of START TRANSACTION or transaction_read_only.
     */
    private TransactionMode transactionMode() {
        Optional<TransactionMode.Isolation> isolation = session.variables().get("transaction_isolation")
                .flatMap(value -> value).map(Object::toString).filter(level -> !level.equalsIgnoreCase("REPEATABLE-READ"))
                .flatMap(level -> TransactionMode.Isolation.of(level.replace('-', ' ')));
        boolean readOnly = beginReadOnly.orElseGet(() -> session.variables().get("transaction_read_only")
                .flatMap(value -> value).filter(value -> value instanceof Long n && n == 1).isPresent());
        return new TransactionMode(isolation, readOnly, List.of());
    }

    /** Ends the open transaction on its engine; over even when the engine refuses the commit. */
    private void endTransaction(boolean commit) throws QueryException {
        explicitTransaction = false;
        beginReadOnly = Optional.empty();
        try {
            transaction.end(commit);
        } finally {
            if (schemaChangedInTransaction) {
                schemaChangedInTransaction = false;
                proxyStatements.transactionChangedSchema();
            }
        }
    }

    /**
     * The status flags of an OK or EOF: whether autocommit is on and a transaction open, as
     * Connector/J's {@code elideSetAutoCommits} reads them.
     */
    private int status() {
        return ServerStatus.NO_BACKSLASH_ESCAPES | (autocommit() ? ServerStatus.AUTOCOMMIT : 0)
                | (explicitTransaction || transaction.isBound() ? ServerStatus.IN_TRANS : 0);
    }

    private void query(String sql) throws IOException {
        if (SqlScanner.stripLeadingComments(sql).isBlank()) {
            writer.err(ErrPacket.of(ErrorNumbers.ER_EMPTY_QUERY, "Query was empty"));
            return;
        }
        if (!session.multiStatements()) {
            run(SqlScanner.stripTrailingSeparators(sql), RowFormat.TEXT, 0);
            return;
        }
        List<String> parts = SqlScanner.splitStatements(sql);
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            if (!run(parts.get(i), RowFormat.TEXT, last ? 0 : ServerStatus.MORE_RESULTS_EXISTS)) {
                return;
            }
        }
    }

    /**
     * Runs one statement and writes its outcome; false when it failed (an ERR was written).
     *
     * @param more status flags sent besides the session's own (MORE_RESULTS_EXISTS)
     */
    private boolean run(String sql, RowFormat format, int more) throws IOException {
        boolean autocommitWasOff = !autocommit();
        Optional<ProxyAnswer> answer = proxyStatements.answer(sql, session);
        if (answer.isEmpty()) {
            return dispatch(sql, format, more);
        }
        if (autocommitWasOff && autocommit() && (explicitTransaction || transaction.isBound())) {
            // SET autocommit = 1 commits the open transaction, as in MySQL, even one begun explicitly.
            try {
                endTransaction(true);
            } catch (QueryException e) {
                writer.err(ErrorMapping.toErr(e));
                return false;
            }
        }
        return switch (answer.get()) {
            case ProxyAnswer.Transaction control -> {
                boolean done = transactionControl(control.control(), more);
                beginReadOnly = control.readOnly();
                yield done;
            }
            case ProxyAnswer.Ok ok -> {
                writer.ok(0, status() | more);
                yield true;
            }
            case ProxyAnswer.Failure failure -> {
                writer.err(ErrPacket.of(failure.errorNumber(), failure.message()));
                yield false;
            }
            case ProxyAnswer.Rows rows -> stream(rows.cursor(), List.of(), format, more);
            case ProxyAnswer.Kill kill -> kill(kill);
            case ProxyAnswer.Use use -> {
                session.apply(new io.queryflux.dispatch.SessionChange(use.catalog(), Optional.of(use.schema()),
                        Map.of(), java.util.Set.of()));
                writer.ok(0, status() | more);
                yield true;
            }
            case ProxyAnswer.CatalogQuery catalog -> catalog(catalog, format, more);
        };
    }

    private boolean catalog(ProxyAnswer.CatalogQuery query, RowFormat format, int more) throws IOException {
        ListCursor cursor;
        try {
            cursor = proxyStatements.catalogQuery(session.clientSession(), query);
        } catch (QueryException e) {
            writer.err(ErrorMapping.toErr(e));
            return false;
        }
        if (query.whenEmpty().isPresent() && cursor.isEmpty()) {
            writer.err(ErrPacket.of(query.whenEmpty().get().errorNumber(), query.whenEmpty().get().message()));
            return false;
        }
        return stream(cursor, query.columnNames(), format, more);
    }

    private boolean kill(ProxyAnswer.Kill kill) throws IOException {
        Optional<ConnectionRegistry.Handle> target = registry.find(kill.connectionId());
        if (target.isEmpty()) {
            writer.err(ErrPacket.of(ErrorNumbers.ER_NO_SUCH_THREAD, "Unknown thread id: " + kill.connectionId()));
            return false;
        }
        if (!target.get().user().equals(session.user())) {
            writer.err(ErrPacket.of(ErrorNumbers.ER_KILL_DENIED_ERROR,
                    "You are not owner of thread " + kill.connectionId()));
            return false;
        }
        if (kill.queryOnly()) {
            target.get().cancelQuery();
        } else {
            target.get().terminate();
        }
        writer.ok(0, status());
        return true;
    }

    /** Runs a statement on the routed engine. */
    private boolean dispatch(String sql, RowFormat format, int more) throws IOException {
        QueryRequest request = new QueryRequest(sql, session.clientSession());
        if (inTransaction() && !transaction.isBound()) {
            transaction.setMode(transactionMode());
        }
        RunningQuery query = inTransaction() ? dispatcher.submit(request, transaction) : dispatcher.submit(request);
        session.opened(query);
        try {
            ResultCursor cursor = query.start();
            query.sessionChange().ifPresent(session::apply);
            if (cursor.columns().isEmpty()) {
                proxyStatements.executed(sql);
                schemaChangedInTransaction |= inTransaction() && proxyStatements.isDdl(sql);
                writer.ok(cursor.updateCount().orElse(0), status() | more);
                return true;
            }
            return stream(cursor, List.of(), format, more);
        } catch (QueryException e) {
            writer.err(ErrorMapping.toErr(e));
            return false;
        } catch (IOException | RuntimeException e) {
            query.cancel(); // the client is gone (or the proxy failed): stop the engine at once
            throw e;
        } finally {
            session.closed(query);
            query.close();
        }
    }

    /** Streams a result: each row is written as soon as the cursor yields it. */
    private boolean stream(ResultCursor cursor, List<String> names, RowFormat format, int more) throws IOException {
        List<MySqlColumnType> types = types(cursor.columns());
        writer.columns(types, labels(cursor.columns(), names), "", false, status() | more);
        Object[] row = new Object[types.size()];
        try {
            while (cursor.next()) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = cursor.value(i);
                }
                writer.row(row, types, format);
            }
        } catch (QueryException e) {
            writer.err(ErrorMapping.toErr(e));
            return false;
        }
        writer.end(status() | more);
        return true;
    }

    private static List<MySqlColumnType> types(List<Column> columns) {
        return columns.stream().map(c -> MySqlColumnType.of(c.type())).toList();
    }

    private static List<String> labels(List<Column> columns, List<String> names) {
        return names.size() == columns.size() ? names : columns.stream().map(Column::name).toList();
    }

    /** COM_FIELD_LIST: the table's columns as definitions, taken from a zero-row query. */
    private void fieldList(String table) throws IOException {
        if (!SIMPLE_NAME.matcher(table).matches()) {
            writer.err(ErrPacket.of(ErrorNumbers.ER_NO_SUCH_TABLE, "Table '" + table + "' doesn't exist"));
            return;
        }
        RunningQuery query = dispatcher.submit(new QueryRequest("SELECT * FROM " + table + " LIMIT 0",
                session.clientSession()));
        session.opened(query);
        try {
            ResultCursor cursor = query.start();
            while (cursor.next()) {
                // LIMIT 0: read to its end, so the probe counts as succeeded, not cancelled
            }
            PayloadWriter payload = new PayloadWriter();
            for (Column column : cursor.columns()) {
                MySqlColumnType type = MySqlColumnType.of(column.type());
                writer.raw(type.definition(session.database().orElse(""), table, column.name())
                        .encode(payload.reset()).nullMarker());
            }
            writer.end(status());
        } catch (QueryException e) {
            writer.err(ErrorMapping.toErr(e));
        } finally {
            session.closed(query);
            query.close();
        }
    }

    private void prepare(String sql) throws IOException {
        PreparedStatement statement = new PreparedStatement(nextStatementId++, SqlScanner.stripTrailingSeparators(sql));
        statements.put(statement.id(), statement);
        PayloadWriter payload = new PayloadWriter();
        // The result columns are unknown until the engine runs the statement; clients then
        // take them from COM_STMT_EXECUTE's result set, as for a MySQL CALL.
        writer.raw(payload.int1(0).int4(statement.id()).int2(0).int2(statement.parameterCount()).int1(0).int2(0));
        if (statement.parameterCount() > 0) {
            MySqlColumnType parameterType = MySqlColumnType.of(io.queryflux.engine.SqlType.VARCHAR);
            for (int i = 0; i < statement.parameterCount(); i++) {
                writer.raw(parameterType.definition("", "", "?").encode(payload.reset()));
            }
            if (!writer.deprecateEof()) {
                writer.eof(status());
            }
        }
    }

    private void execute(PayloadReader r) throws IOException, MalformedPacketException {
        PreparedStatement statement = statements.get(r.int4());
        int flags = r.int1();
        r.int4(); // iteration count, always 1
        if (statement == null) {
            writer.err(unknownStatement("mysqld_stmt_execute"));
            return;
        }
        closeCursor(statement);
        String sql;
        try {
            sql = ParameterBinder.bind(statement, r);
        } catch (MalformedPacketException e) {
            writer.err(ErrPacket.of(ErrorNumbers.ER_WRONG_ARGUMENTS,
                    "Incorrect arguments to mysqld_stmt_execute: " + e.getMessage()));
            return;
        } finally {
            statement.longData().clear();
        }
        if ((flags & CURSOR_TYPE_READ_ONLY) != 0 && proxyStatements.answer(sql, session).isEmpty()) {
            openCursor(statement, sql);
        } else {
            run(sql, RowFormat.BINARY, 0);
        }
    }

    private void openCursor(PreparedStatement statement, String sql) throws IOException {
        RunningQuery query = dispatcher.submit(new QueryRequest(sql, session.clientSession()));
        session.opened(query);
        boolean keepOpen = false;
        try {
            ResultCursor cursor = query.start();
            query.sessionChange().ifPresent(session::apply);
            if (cursor.columns().isEmpty()) {
                writer.ok(cursor.updateCount().orElse(0), status());
                return;
            }
            List<MySqlColumnType> types = types(cursor.columns());
            writer.columns(types, labels(cursor.columns(), List.of()), "", true, status() | ServerStatus.CURSOR_EXISTS);
            statement.cursor(new PreparedStatement.OpenCursor(query, cursor, types));
            keepOpen = true;
        } catch (QueryException e) {
            writer.err(ErrorMapping.toErr(e));
        } finally {
            if (!keepOpen) {
                session.closed(query);
                query.close();
            }
        }
    }

    private void fetch(long statementId, long rows) throws IOException {
        PreparedStatement statement = statements.get(statementId);
        PreparedStatement.OpenCursor open = statement == null ? null : statement.cursor();
        if (open == null) {
            writer.err(ErrPacket.of(ER_STMT_HAS_NO_OPEN_CURSOR, "The statement (" + statementId
                    + ") has no open cursor."));
            return;
        }
        try {
            long sent = 0;
            while (sent < rows && (open.pendingRow != null || advance(open))) {
                writer.row(open.pendingRow, open.types, RowFormat.BINARY);
                open.pendingRow = null;
                sent++;
            }
            if (open.pendingRow != null || advance(open)) {
                writer.end(status() | ServerStatus.CURSOR_EXISTS);
            } else {
                writer.end(status() | ServerStatus.LAST_ROW_SENT);
                closeCursor(statement);
            }
        } catch (QueryException e) {
            writer.err(ErrorMapping.toErr(e));
            closeCursor(statement);
        } catch (IOException | RuntimeException e) {
            open.query.cancel();
            closeCursor(statement);
            throw e;
        }
    }

    /** Reads the next row into the cursor's look-ahead slot; false at the end. */
    private static boolean advance(PreparedStatement.OpenCursor open) throws QueryException {
        if (!open.cursor.next()) {
            return false;
        }
        Object[] row = new Object[open.types.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = open.cursor.value(i);
        }
        open.pendingRow = row;
        return true;
    }

    private void closeCursor(PreparedStatement statement) {
        PreparedStatement.OpenCursor open = statement.cursor();
        if (open != null) {
            statement.cursor(null);
            session.closed(open.query);
            open.query.close();
        }
    }

    private static ErrPacket unknownStatement(String command) {
        return ErrPacket.of(ErrorNumbers.ER_UNKNOWN_STMT_HANDLER,
                "Unknown prepared statement handler given to " + command);
    }
}

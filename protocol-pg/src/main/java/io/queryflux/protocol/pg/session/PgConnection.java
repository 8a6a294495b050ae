package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.Identity;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.Column;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.PgWireCopyIn;
import io.queryflux.engine.PgWireRows;
import io.queryflux.engine.net.BriefSpin;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.protocol.pg.auth.AuthenticationFailedException;
import io.queryflux.protocol.pg.messages.FieldDescription;
import io.queryflux.protocol.pg.messages.Format;
import io.queryflux.protocol.pg.messages.FrontendMessage;
import io.queryflux.protocol.pg.messages.MessageReader;
import io.queryflux.protocol.pg.messages.MessageWriter;
import io.queryflux.protocol.pg.messages.PgError;
import io.queryflux.protocol.pg.messages.PgProtocolException;
import io.queryflux.protocol.pg.messages.StartupPacket;
import io.queryflux.protocol.pg.messages.TransactionStatus;
import io.queryflux.protocol.pg.sql.CopyToStdout;
import io.queryflux.protocol.pg.sql.SqlText;
import io.queryflux.protocol.pg.types.ParameterCasts;
import io.queryflux.protocol.pg.types.PgColumnType;
import io.queryflux.protocol.pg.types.PgParameterDecoder;
import io.queryflux.protocol.pg.types.PgValueEncoder;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;

/**
 * One client connection, on its own virtual thread: start-up (TLS, authentication), then the
 * simple and extended query protocols until the client leaves. Rows are written as they are
 * pulled from the engine; a client that stops reading blocks the write and so the pull.
 */
public final class PgConnection implements Runnable {
    private static final Logger LOG = Logger.getLogger(PgConnection.class.getName());
    private static final int OUTPUT_BUFFER = 64 * 1024;

    private enum State {
        STARTUP,
        READY,
        /** An error happened in an extended-query pipeline: discard messages until Sync. */
        SKIPPING_TO_SYNC,
        CLOSED
    }

    private final ConnectionSettings settings;
    private final StatementRunner runner;
    private final SqlCursors cursors = new SqlCursors();
    /** statement_timeout of the extended-protocol messages since the last Sync or completed Execute. */
    private StatementTimeout extendedTimeout;
    private Socket socket;
    private ClientInput buffered;
    /** A client in a query loop sends its next statement within microseconds of the last answer. */
    private final BriefSpin nextMessageSpin = new BriefSpin(100_000);
    private MessageReader in;
    private MessageWriter out;
    private State state = State.STARTUP;
    private SessionState session;
    private PgValueEncoder encoder;
    private String encoderZone;
    private int processId;
    private volatile int secret;
    private volatile RunningQuery running;
    /** The socket's read timeout now (0: none). */
    private long readTimeoutMillis;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final List<Execution> closeAfterReady = new ArrayList<>();

    public PgConnection(Socket socket, ConnectionSettings settings) {
        this.socket = requireNonNull(socket, "socket is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.runner = new StatementRunner(settings.dispatcher(),
                new LocalStatements(settings.dispatcher()), settings.catalog(), cursors,
                statements);
    }

    int secret() {
        return secret;
    }

    /**
     * PostgreSQL's own version when the session's statements go to postgres clusters only, whose
     * catalog clients then read and choose their catalog queries for (psql's \d differs by
     * version); the configured one otherwise.
     */
    private String serverVersion(ClientSession clientSession) {
        return settings.dispatcher().explain(new QueryRequest("SELECT 1", clientSession)).group()
                .map(settings.dispatcher().groups()::get)
                .filter(group -> group.members().stream().allMatch(c -> c.engine().type() == EngineType.POSTGRES))
                .flatMap(group -> group.members().getFirst().engine().serverVersion())
                .orElse(settings.serverVersion());
    }

    /** Cancels the query this connection runs now, if any (CancelRequest, shutdown). */
    void cancelRunning() {
        RunningQuery current = running;
        if (current != null) {
            current.cancel();
        }
    }

    /** Ends the connection from another thread: its query is cancelled and its socket closed. */
    void shutdown() {
        cancelRunning();
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void run() {
        try {
            openStreams();
            if (startup()) {
                serve();
            }
        } catch (EOFException | SocketException e) {
            // The client went away; the finally block frees what it held.
        } catch (PgProtocolException e) {
            fatal("08P01", e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection failed", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error on a PostgreSQL connection", e);
            fatal("XX000", "internal error: " + e);
        } finally {
            state = State.CLOSED;
            try {
                // Anything still streaming is cancelled, not drained, and gives back its slot.
                cancelRunning();
                portals.values().forEach(Portal::abort);
                portals.clear();
                cursors.closeAll();
                stopExtendedTimeout();
                closeDeferred();
            } finally {
                runner.close(); // a transaction block left open is rolled back
                if (processId != 0) {
                    settings.backends().unregister(processId, this);
                }
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    private void openStreams() throws IOException {
        socket.setTcpNoDelay(true);
        buffered = new ClientInput(socket.getInputStream(), 8192);
        in = new MessageReader(buffered, settings.maxMessageSize());
        out = new MessageWriter(new BufferedOutputStream(socket.getOutputStream(), OUTPUT_BUFFER));
    }

    // ------------------------------------------------------------------ start-up

    private boolean startup() throws IOException, PgProtocolException {
        while (true) {
            StartupPacket packet = in.readStartup();
            switch (packet) {
                case StartupPacket.SslRequest ignored -> {
                    if (settings.tls().isPresent() && !(socket instanceof SSLSocket)) {
                        upgradeToTls();
                    } else {
                        out.raw('N');
                        out.flush();
                    }
                }
                case StartupPacket.GssEncRequest ignored -> {
                    out.raw('N');
                    out.flush();
                }
                case StartupPacket.CancelRequest cancel -> {
                    settings.backends().cancel(cancel.processId(), cancel.secretKey());
                    return false;
                }
                case StartupPacket.Startup startup -> {
                    return authenticate(startup.parameters());
                }
            }
        }
    }

    private void upgradeToTls() throws IOException, PgProtocolException {
        if (buffered.available() > 0) {
            // Bytes sent before the handshake would be trusted as if encrypted (CVE-2021-23214).
            throw new PgProtocolException("received unencrypted data after SSL request");
        }
        out.raw('S');
        out.flush();
        SSLSocket tls = (SSLSocket) settings.tls().orElseThrow().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        socket = tls;
        openStreams();
    }

    private boolean authenticate(Map<String, String> parameters) throws IOException, PgProtocolException {
        String user = parameters.getOrDefault("user", "");
        if (user.isEmpty()) {
            fatal("28000", "no PostgreSQL user name specified in startup packet");
            return false;
        }
        Identity identity;
        try {
            identity = settings.authenticator().authenticate(user, socket instanceof SSLSocket, in, out);
        } catch (AuthenticationFailedException e) {
            fatal(e.sqlState(), e.getMessage());
            return false;
        }
        String database = parameters.getOrDefault("database", user);
        Map<String, String> headers = new HashMap<>();
        headers.put("database", database);
        Optional.ofNullable(parameters.get("application_name")).ifPresent(a -> headers.put("application_name", a));
        headers.put("groups", String.join(",", identity.groups()));
        ClientSession clientSession = new ClientSession(Protocol.POSTGRES_WIRE, identity.user(),
                Optional.ofNullable(parameters.get("application_name")).filter(a -> !a.isEmpty()), Optional.empty(),
                Optional.empty(), headers, java.util.Set.of(), Map.of());
        processId = settings.backends().register(this);
        secret = settings.backends().newSecret();
        session = new SessionState(clientSession, processId, serverVersion(clientSession), parameters);
        Optional.ofNullable(parameters.get("options")).ifPresent(this::applyOptions);
        if (!session.hasValidStatementTimeout()) {
            // PostgreSQL refuses the connection rather than run without the limit the client asked for.
            fatal("22023", StatementTimeout.invalid(session.get("statement_timeout").orElse("")));
            return false;
        }
        encoder = new PgValueEncoder(session.zone());
        encoderZone = session.get("TimeZone").orElse("");
        out.authenticationOk();
        for (String name : SessionState.REPORTED) {
            Optional<String> value = session.get(name);
            if (value.isPresent()) {
                out.parameterStatus(session.displayName(name), value.get());
            }
        }
        out.backendKeyData(processId, secret);
        out.readyForQuery(TransactionStatus.IDLE);
        out.flush();
        state = State.READY;
        return true;
    }

    /** The startup {@code options} parameter: {@code -c name=value} pairs. */
    private void applyOptions(String options) {
        String[] parts = options.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String option = parts[i];
            if (option.equals("-c") && i + 1 < parts.length) {
                option = parts[++i];
            } else if (option.startsWith("-c")) {
                option = option.substring(2);
            } else if (option.startsWith("--")) {
                option = option.substring(2);
            } else {
                continue;
            }
            int eq = option.indexOf('=');
            if (eq > 0) {
                session.setAtStartup(option.substring(0, eq).replace('-', '_'), option.substring(eq + 1));
            }
        }
        session.drainChangedReported();
    }

    // ------------------------------------------------------------------ message loop

    private void serve() throws IOException, PgProtocolException {
        while (true) {
            if (!buffered.hasBuffered()) {
                nextMessageSpin.awaitInput(buffered);
            }
            FrontendMessage message;
            try {
                message = readIdleLimited();
            } catch (SocketTimeoutException e) {
                fatal("25P03", "terminating connection due to idle-in-transaction timeout");
                return;
            }
            if (message instanceof FrontendMessage.Terminate) {
                return;
            }
            if (state == State.SKIPPING_TO_SYNC && !(message instanceof FrontendMessage.Sync)) {
                continue;
            }
            try (BriefSpin.Serving request = BriefSpin.serving()) {
                switch (message) {
                    case FrontendMessage.Query query -> simpleQuery(query.sql());
                    case FrontendMessage.Parse parse -> extended(() -> parse(parse));
                    case FrontendMessage.Bind bind -> extended(() -> bind(bind));
                    case FrontendMessage.Describe describe -> extended(() -> describe(describe));
                    case FrontendMessage.Execute execute -> extended(() -> execute(execute));
                    case FrontendMessage.Close close -> extended(() -> close(close));
                    case FrontendMessage.Flush ignored -> out.flush();
                    case FrontendMessage.Sync ignored -> sync();
                    case FrontendMessage.CopyTraffic ignored -> {
                        // Outside COPY mode PostgreSQL ignores copy messages too.
                    }
                    case FrontendMessage.FunctionCall ignored -> {
                        error(PgError.error("0A000", "the function call sub-protocol is not supported"));
                        ready();
                    }
                    case FrontendMessage.PasswordData ignored ->
                            throw new PgProtocolException("unexpected password message after authentication");
                    case FrontendMessage.Terminate ignored -> {
                        return;
                    }
                }
            }
        }
    }

    /**
     * The next message; inside a transaction block the wait is limited by the operator's
     * {@code idleTransactionTimeout} and the client's {@code idle_in_transaction_session_timeout},
     * whichever is shorter, since an idle block holds a group slot and an engine connection.
     */
    private FrontendMessage readIdleLimited() throws IOException, PgProtocolException {
        long limit = 0;
        if (session.transaction() != TransactionStatus.IDLE) {
            limit = shorter(settings.idleTransactionTimeout().toMillis(), session.idleInTransactionTimeout().toMillis());
        }
        if (limit != readTimeoutMillis) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limit));
            readTimeoutMillis = limit;
        }
        return in.read();
    }

    /** The shorter of two limits where zero means none. */
    private static long shorter(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    private void ready() throws IOException {
        out.readyForQuery(session.transaction());
        out.flush();
    }

    // ------------------------------------------------------------------ simple query

    private void simpleQuery(String sql) throws IOException, PgProtocolException {
        closePortal("");
        statements.remove("");
        List<String> parts = SqlText.split(sql);
        if (parts.isEmpty()) {
            out.emptyQueryResponse();
        }
        if (parts.size() > 1 && session.transaction() == TransactionStatus.IDLE) {
            runner.beginImplicitBlock();
        }
        boolean failed = false;
        for (String statement : parts) {
            Execution execution = null;
            StatementTimeout timeout = StatementTimeout.start(session.statementTimeout(), () -> running);
            try (timeout; DisconnectWatch watch = DisconnectWatch.start(socket, buffered, this::cancelRunning)) {
                execution = runner.start(statement, session, this::dispatched, Optional.of(List.of()));
                afterStatement();
                if (execution.copyOut().isPresent()) {
                    copyOut(execution, execution.copyOut().get());
                } else if (execution.cursor() instanceof PgWireCopyIn copy) {
                    watch.close(); // this thread reads the client now, and only one may
                    copyIn(execution, copy);
                } else if (execution.cursor() instanceof PgWireRows rows) {
                    if (rows.rowDescription() != null) {
                        forwardedRowDescription(rows.rowDescription());
                    }
                    forwardRows(execution, rows, 0);
                } else {
                    if (!execution.columns().isEmpty()) {
                        out.rowDescription(fields(execution.columns(), List.of()));
                    }
                    stream(execution, List.of(), 0);
                }
                execution = closeLater(execution);
            } catch (QueryException e) {
                failStatement(timeout.explain(e));
                failed = true;
                break;
            } catch (IOException e) {
                // The client is gone: stop the statement rather than read its result to the end (in a
                // block, closing alone would drain it, since a cancel aborts the block).
                if (execution != null) {
                    execution.cancelTarget().ifPresent(RunningQuery::cancel);
                }
                throw e;
            } finally {
                running = null;
                // The hang-up watch may have changed the socket's read timeout.
                readTimeoutMillis = -1;
                if (execution != null) {
                    execution.close();
                }
            }
        }
        if (session.transaction() == TransactionStatus.IDLE) {
            closeAllPortals();
        }
        endImplicitBlock(!failed);
        ready();
        closeDeferred();
    }

    /**
     * Closing a finished read-only query can wait until the client has its answer: the engine's
     * clean-up (a COMMIT round trip on PostgreSQL) then overlaps the client's next request.
     * Writes are closed at once, so the client never sees a result before it is committed.
     *
     * @return null when the execution was deferred, else the execution to close now
     */
    private Execution closeLater(Execution execution) {
        if (execution.readOnly() && execution.exhausted()) {
            closeAfterReady.add(execution);
            return null;
        }
        return execution;
    }

    private void closeDeferred() {
        closeAfterReady.forEach(Execution::close);
        closeAfterReady.clear();
    }

    private void dispatched(RunningQuery query) {
        running = query;
    }

    /** Reports parameter changes and follows a TimeZone change in how timestamptz is shown. */
    private void afterStatement() throws IOException {
        for (String name : session.drainChangedReported()) {
            out.parameterStatus(name, session.get(name).orElse(""));
        }
        String zone = session.timeZoneSetting();
        if (!zone.equals(encoderZone)) {
            // Parsing the zone for every statement showed in profiles: only on a change.
            encoder = new PgValueEncoder(session.zone());
            encoderZone = zone;
        }
    }

    private void failStatement(QueryException e) throws IOException {
        if (session.transaction() == TransactionStatus.IN_TRANSACTION) {
            session.setTransaction(TransactionStatus.FAILED);
        }
        // A cancel the dispatcher reports in its own words reads as PostgreSQL's to psql and drivers.
        String message = e.code() == ErrorCode.USER_CANCELED && e.getMessage().startsWith("Query was canceled")
                ? "canceling statement due to user request" : e.getMessage();
        error(PgError.error(e.sqlState(), message));
    }

    /**
     * Streams up to {@code maxRows} rows (0: all). Ends with CommandComplete when the rows run
     * out, or PortalSuspended when the limit is reached first.
     */
    private void stream(Execution execution, List<Format> formats, int maxRows) throws IOException, QueryException {
        ResultCursor cursor = execution.cursor();
        List<Column> columns = execution.columns();
        int width = columns.size();
        Format[] columnFormats = new Format[width];
        for (int i = 0; i < width; i++) {
            columnFormats[i] = Format.forIndex(formats, i);
        }
        int sent = 0;
        while (width > 0 && !execution.exhausted()) {
            if (maxRows > 0 && sent >= maxRows) {
                out.portalSuspended();
                return;
            }
            if (!cursor.next()) {
                break;
            }
            out.begin('D').int16(width);
            try {
                for (int i = 0; i < width; i++) {
                    encoder.write(out, cursor.value(i), columns.get(i).type(), columnFormats[i]);
                }
            } catch (QueryException | RuntimeException e) {
                out.discard();
                throw e instanceof QueryException q ? q : new QueryException(
                        io.queryflux.engine.ErrorCode.GENERIC_INTERNAL_ERROR, "cannot encode a value: " + e, e);
            }
            out.send();
            execution.countRow();
            sent++;
        }
        execution.markExhausted();
        out.commandComplete(execution.tag());
    }

    /** COPY ... TO STDOUT: CopyOutResponse, a CopyData line per row (streamed), CopyDone, then the COPY tag. */
    private void copyOut(Execution execution, CopyToStdout copy) throws IOException, QueryException {
        List<Column> columns = execution.columns();
        out.begin('H').int8(0).int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            out.int16(0);
        }
        out.send();
        if (copy.header()) {
            copyData(copy.line(columns.stream().map(Column::name).toList()));
        }
        ResultCursor cursor = execution.cursor();
        long count = 0;
        List<String> values = new ArrayList<>(columns.size());
        while (cursor.next()) {
            values.clear();
            for (int i = 0; i < columns.size(); i++) {
                Object value = cursor.value(i);
                values.add(value == null ? null : encoder.text(value, columns.get(i).type()));
            }
            copyData(copy.line(values));
            count++;
        }
        out.begin('c').send();
        execution.markExhausted();
        out.commandComplete("COPY " + count);
    }

    /**
     * COPY ... FROM STDIN on a PostgreSQL engine: CopyInResponse to the client, then its CopyData
     * passed on as it comes until CopyDone (PostgreSQL's tag) or CopyFail (PostgreSQL's error).
     * Flush and Sync are ignored meanwhile, as PostgreSQL ignores them.
     */
    private void copyIn(Execution execution, PgWireCopyIn copy)
            throws IOException, PgProtocolException, QueryException {
        out.begin('G').bytes(copy.copyInResponse()).send();
        out.flush();
        socket.setSoTimeout(0); // a client pausing mid-COPY is not idle in its transaction
        readTimeoutMillis = 0;
        while (true) {
            switch (in.read()) {
                case FrontendMessage.CopyTraffic data when data.type() == 'd' -> copy.copyData(data.body());
                case FrontendMessage.CopyTraffic done when done.type() == 'c' -> {
                    execution.markExhausted();
                    out.commandComplete(copy.copyDone());
                    return;
                }
                case FrontendMessage.CopyTraffic fail -> throw copy.copyFail(
                        new String(fail.body(), 0, Math.max(0, fail.body().length - 1), StandardCharsets.UTF_8));
                case FrontendMessage.Flush ignored -> {
                    // ignored during COPY
                }
                case FrontendMessage.Sync ignored -> {
                    // ignored during COPY
                }
                case FrontendMessage.Terminate ignored -> throw new EOFException("client terminated during COPY");
                case FrontendMessage other -> {
                    QueryException aborted = copy.copyFail("unexpected message during COPY from stdin");
                    throw new QueryException(io.queryflux.engine.ErrorCode.GENERIC_USER_ERROR,
                            "unexpected message type " + other.getClass().getSimpleName() + " during COPY from stdin",
                            "08P01", aborted);
                }
            }
        }
    }

    private void copyData(String line) throws IOException {
        out.begin('d').bytes(line.getBytes(StandardCharsets.UTF_8)).send();
    }

    /** PostgreSQL's own RowDescription, as it came; NoData for a statement without rows. */
    private void forwardDescription(PgWireRows rows) throws IOException {
        byte[] description = rows.rowDescription();
        if (description != null) {
            forwardedRowDescription(description);
        } else {
            out.noData();
        }
    }

    private void forwardedRowDescription(byte[] body) throws IOException {
        out.begin('T').bytes(body).send();
    }

    /**
     * PostgreSQL's own DataRows, notices and tag, passed on as they came: up to {@code maxRows}
     * rows (0: all), then PortalSuspended if the limit came first, as {@link #stream} does.
     */
    private void forwardRows(Execution execution, PgWireRows rows, int maxRows) throws IOException, QueryException {
        int sent = 0;
        while (!execution.exhausted()) {
            if (maxRows > 0 && sent >= maxRows) {
                out.portalSuspended();
                return;
            }
            PgWireRows.Message message = rows.nextMessage();
            if (message == null) {
                execution.markExhausted();
                break;
            }
            out.begin((char) message.type()).bytes(message.body()).send();
            if (message.type() == 'D') {
                execution.countRow();
                sent++;
            }
        }
        out.commandComplete(rows.commandTag());
    }

    private static List<FieldDescription> fields(List<Column> columns, List<Format> formats) {
        List<FieldDescription> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            PgColumnType type = PgColumnType.of(column.type());
            fields.add(new FieldDescription(column.name(), type.oid(), type.size(), type.modifier(),
                    Format.forIndex(formats, i)));
        }
        return fields;
    }

    // ------------------------------------------------------------------ extended query

    /** One extended-protocol step; a failure skips the rest of the pipeline up to Sync. */
    private interface Step {
        void run() throws IOException, QueryException;
    }

    private void extended(Step step) throws IOException {
        // As in PostgreSQL, statement_timeout runs from the first message after a Sync or a
        // completed Execute until the next of those.
        if (extendedTimeout == null) {
            extendedTimeout = StatementTimeout.start(session.statementTimeout(), () -> running);
        }
        try {
            extendedTimeout.checkNotExpired();
            step.run();
        } catch (QueryException e) {
            failStatement(extendedTimeout.explain(e));
            // Sent at once, as PostgreSQL does: asyncpg sends Parse, Describe and Flush, and waits.
            out.flush();
            state = State.SKIPPING_TO_SYNC;
            stopExtendedTimeout();
        } finally {
            running = null;
        }
    }

    private void stopExtendedTimeout() {
        if (extendedTimeout != null) {
            extendedTimeout.close();
            extendedTimeout = null;
        }
    }

    private void parse(FrontendMessage.Parse parse) throws IOException, QueryException {
        if (!parse.statement().isEmpty() && statements.containsKey(parse.statement())) {
            throw sqlError("42P05", "prepared statement \"" + parse.statement() + "\" already exists");
        }
        if (SqlText.split(parse.sql()).size() > 1) {
            throw sqlError("42601", "cannot insert multiple commands into a prepared statement");
        }
        // Types the client left unspecified are taken from casts, as PostgreSQL infers them (a
        // PREPARE's own $n are its body's, not this statement's).
        List<Integer> types = SqlText.firstWord(parse.sql()).equals("PREPARE") ? parse.parameterTypes()
                : ParameterCasts.complete(parse.sql(), parse.parameterTypes(), SqlText.parameterCount(parse.sql()));
        statements.put(parse.statement(), new PreparedStatement(parse.sql(), types));
        out.parseComplete();
    }

    private void bind(FrontendMessage.Bind bind) throws IOException, QueryException {
        PreparedStatement statement = statement(bind.statement());
        int expected = parameterCount(statement);
        if (bind.values().size() != expected) {
            throw sqlError("08P01", "bind message supplies " + bind.values().size()
                    + " parameters, but prepared statement \"" + bind.statement() + "\" requires " + expected);
        }
        if (!bind.portal().isEmpty() && portals.containsKey(bind.portal())) {
            throw sqlError("42P03", "cursor \"" + bind.portal() + "\" already exists");
        }
        if (StatementRunner.typesArraysWhenDescribed(statement, expected)) {
            statement.setDescribed(runner.describe(statement, expected, session, this::dispatched));
        }
        List<String> literals = new ArrayList<>(expected);
        // Routing is asked only for a value that looks like pgjdbc's untyped date.
        boolean zonelessDates = IntStream.range(0, expected).anyMatch(i -> statement.parameterType(i) == 0
                && PgParameterDecoder.looksLikeUntypedDate(bind.values().get(i), bind.parameterFormat(i)))
                && !runner.onPostgres(statement.sql(), session);
        for (int i = 0; i < expected; i++) {
            try {
                literals.add(PgParameterDecoder.literal(bind.values().get(i), bind.parameterFormat(i),
                        statement.parameterType(i), zonelessDates));
            } catch (IllegalArgumentException | java.nio.BufferUnderflowException | ArithmeticException e) {
                throw sqlError("22P02", "invalid value for parameter $" + (i + 1) + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        closePortal(bind.portal());
        // With no parameters the text is as written: a PREPARE's own $n are its body's, not this Bind's.
        String sql = literals.isEmpty() ? statement.sql() : SqlText.bind(statement.sql(), literals);
        portals.put(bind.portal(), new Portal(statement, sql, bind.resultFormats()));
        out.bindComplete();
    }

    private static int parameterCount(PreparedStatement statement) {
        if (SqlText.firstWord(statement.sql()).equals("PREPARE")) {
            return statement.parameterTypes().size(); // the $n in its body are the prepared statement's
        }
        return Math.max(statement.parameterTypes().size(), SqlText.parameterCount(statement.sql()));
    }

    private void describe(FrontendMessage.Describe describe) throws IOException, QueryException {
        if (describe.target() == FrontendMessage.Target.STATEMENT) {
            PreparedStatement statement = statement(describe.name());
            int count = parameterCount(statement);
            if (statement.described().isEmpty()) {
                statement.setDescribed(runner.describe(statement, count, session, this::dispatched));
            }
            Described described = statement.described().orElseThrow();
            if (described.parameterDescription().isPresent()) {
                out.begin('t').bytes(described.parameterDescription().get()).send();
            } else {
                List<Integer> types = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    types.add(PgParameterDecoder.describedAs(statement.parameterType(i)));
                }
                out.parameterDescription(types);
            }
            if (described.rowDescription().isPresent()) {
                forwardedRowDescription(described.rowDescription().get());
            } else if (described.columns().isEmpty()) {
                out.noData();
            } else {
                out.rowDescription(fields(described.columns(), List.of()));
            }
            return;
        }
        if (!portals.containsKey(describe.name()) && cursors.contains(describe.name())) {
            // A DECLAREd cursor is a portal too (psycopg describes its named cursors so).
            out.rowDescription(fields(cursors.columns(describe.name()), List.of()));
            return;
        }
        Portal portal = portal(describe.name());
        Execution execution = started(portal, 1);
        if (execution.cursor() instanceof PgWireRows rows) {
            forwardDescription(rows);
        } else if (execution.columns().isEmpty()) {
            out.noData();
        } else {
            out.rowDescription(fields(execution.columns(), portal.resultFormats()));
        }
    }

    /**
     * The portal's execution, started now if it was not. A statement followed by more before the
     * client's Sync joins an implicit block with them; one whose Sync is already in the buffer
     * right after it (the usual Parse, Bind, Describe, Execute, Sync) runs on its own.
     *
     * @param executesAhead how many Execute messages of this portal may still come before Sync
     */
    private Execution started(Portal portal, int executesAhead) throws IOException, QueryException {
        if (portal.execution().isEmpty()) {
            if (session.transaction() == TransactionStatus.IDLE && !runner.inImplicitBlock()
                    && !buffered.syncFollowsWithin(executesAhead) && StatementRunner.runsInBlocks(portal.sql())) {
                runner.beginImplicitBlock();
            }
            if (SqlText.firstWord(portal.sql()).equals("COPY") && CopyToStdout.isFromStdin(portal.sql())) {
                throw new QueryException(io.queryflux.engine.ErrorCode.NOT_SUPPORTED,
                        "COPY ... FROM STDIN is served in the simple query protocol only");
            }
            Execution execution = runner.start(portal.sql(), portal.statement().written(), session, this::dispatched,
                    Optional.of(portal.resultFormats()));
            if (execution.copyOut().isPresent()) {
                execution.close();
                throw new QueryException(io.queryflux.engine.ErrorCode.NOT_SUPPORTED,
                        "COPY ... TO STDOUT is served in the simple query protocol only");
            }
            portal.started(execution);
            afterStatement();
        }
        return portal.execution().orElseThrow();
    }

    private void execute(FrontendMessage.Execute execute) throws IOException, QueryException {
        Portal portal = portal(execute.portal());
        if (SqlText.stripComments(portal.sql()).isBlank()) {
            out.emptyQueryResponse();
            return;
        }
        Execution execution = started(portal, 0);
        running = execution.cancelTarget().orElse(null);
        if (execution.cursor() instanceof PgWireRows rows) {
            forwardRows(execution, rows, execute.maxRows());
        } else {
            stream(execution, portal.resultFormats(), execute.maxRows());
        }
        if (execution.exhausted()) {
            stopExtendedTimeout(); // this Execute completed; a suspended portal keeps the clock running
        }
        if (execution.exhausted() && closeLater(execution) != null) {
            // Free the group slot now; the portal stays until Sync or Close, as PostgreSQL keeps it.
            execution.close();
        }
    }

    private void close(FrontendMessage.Close close) throws IOException {
        if (close.target() == FrontendMessage.Target.STATEMENT) {
            statements.remove(close.name());
        } else if (!portals.containsKey(close.name()) && cursors.contains(close.name())) {
            cursors.closeQuietly(close.name());
        } else {
            closePortal(close.name());
        }
        out.closeComplete();
    }

    private void sync() throws IOException {
        boolean failed = state == State.SKIPPING_TO_SYNC;
        stopExtendedTimeout();
        state = State.READY;
        if (session.transaction() == TransactionStatus.IDLE) {
            // The implicit transaction ends at Sync, and with it every portal.
            closeAllPortals();
        }
        endImplicitBlock(!failed);
        ready();
        closeDeferred();
    }

    /** A COMMIT the engine refuses is reported before ReadyForQuery; the block is rolled back. */
    private void endImplicitBlock(boolean commit) throws IOException {
        try {
            runner.endImplicitBlock(commit);
        } catch (QueryException e) {
            error(PgError.error(e.sqlState(), e.getMessage()));
        }
    }

    private PreparedStatement statement(String name) throws QueryException {
        PreparedStatement statement = statements.get(name);
        if (statement == null) {
            throw sqlError("26000", "prepared statement \"" + name + "\" does not exist");
        }
        return statement;
    }

    private Portal portal(String name) throws QueryException {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw sqlError("34000", "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private void closePortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null) {
            portal.abort();
        }
    }

    private void closeAllPortals() {
        portals.values().forEach(Portal::abort);
        portals.clear();
    }

    private static QueryException sqlError(String sqlState, String message) {
        return new QueryException(io.queryflux.engine.ErrorCode.GENERIC_USER_ERROR, message, sqlState, null);
    }

    // ------------------------------------------------------------------ errors

    private void error(PgError error) throws IOException {
        out.errorResponse(error);
    }

    /** Reports a fatal error and lets run() close the connection; the client may be gone already. */
    private void fatal(String sqlState, String message) {
        try {
            out.errorResponse(PgError.fatal(sqlState, message));
            out.flush();
        } catch (IOException | RuntimeException ignored) {
            // nobody left to tell
        }
    }
}

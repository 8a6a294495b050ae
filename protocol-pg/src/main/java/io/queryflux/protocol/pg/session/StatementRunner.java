package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.ClientTransaction;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.Column;
import io.queryflux.engine.Engine;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.ErrorType;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.PgWireCopyIn;
import io.queryflux.engine.PgWireDescription;
import io.queryflux.engine.PgWireRows;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.StatementDescription;
import io.queryflux.engine.TransactionMode;
import io.queryflux.protocol.pg.catalog.PgCatalog;
import io.queryflux.protocol.pg.messages.Format;
import io.queryflux.protocol.pg.messages.TransactionStatus;
import io.queryflux.protocol.pg.sql.CopyToStdout;
import io.queryflux.protocol.pg.sql.DatabaseQualifiers;
import io.queryflux.protocol.pg.sql.CursorStatement;
import io.queryflux.protocol.pg.sql.PreparedSql;
import io.queryflux.protocol.pg.sql.SqlText;
import io.queryflux.protocol.pg.types.PgColumnType;
import io.queryflux.protocol.pg.types.PgParameterDecoder;
import io.queryflux.protocol.pg.types.PgType;
import io.queryflux.sql.ColumnLabels;
import io.queryflux.sql.Dialect;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Starts one statement: answered by the proxy (session chatter, catalog) or dispatched to the
 * routed engine. A transaction block's statements run in the connection's
 * {@link ClientTransaction}; closing the runner rolls back a block left open.
 */
final class StatementRunner implements AutoCloseable {
    private static final Set<String> ROW_RETURNING = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM", "SHOW",
            "DESCRIBE", "EXPLAIN");
    private static final Set<String> ALLOWED_WHEN_FAILED = Set.of("COMMIT", "END", "ROLLBACK", "ABORT");
    /** Answered by the proxy until a block is bound to an engine transaction, then run there. */
    private static final Set<String> SAVEPOINTS = Set.of("SAVEPOINT", "RELEASE");

    private static final Set<String> FORWARD_TEXT = Set.of(PgWireRows.FORMAT);
    private static final Set<String> COPY_IN = Set.of(PgWireCopyIn.FORMAT);
    /** A parameter compared with ANY, SOME or ALL: an array whose elements compare as the other side. */
    private static final Pattern ARRAY_COMPARISON = Pattern.compile("\\b(?:ANY|SOME|ALL)\\s*\\(\\s*\\$(\\d+)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> CURSOR_QUERIES = Set.of("SELECT", "VALUES", "TABLE", "WITH");
    /** The queries a Describe may wrap in the LIMIT 0 probe. */
    private static final Set<String> PROBED_QUERIES = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM");

    /** Statements PostgreSQL refuses to run inside a transaction block. */
    private static final java.util.regex.Pattern OUTSIDE_BLOCKS = java.util.regex.Pattern.compile(
            "(?:VACUUM|ALTER\\s+SYSTEM|(?:CREATE|DROP)\\s+(?:DATABASE|TABLESPACE|SUBSCRIPTION)"
                    + "|(?:CREATE\\s+(?:UNIQUE\\s+)?|DROP\\s+|RE)INDEX\\b.*\\bCONCURRENTLY)\\b.*",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

    /** Statements after which the catalog mirrors are stale: they change what tables and columns exist. */
    private static final Set<String> SCHEMA_CHANGES = Set.of("CREATE", "DROP", "ALTER", "ATTACH", "DETACH");
    /** Shared by every connection: labels are a function of the statement's text. */
    private static final ColumnLabels LABELS = new ColumnLabels(Dialect.POSTGRES, 1_000);

    private final QueryDispatcher dispatcher;
    private final LocalStatements local;
    private final PgCatalog catalog;
    private final SqlCursors cursors;
    private final SqlPrepared sqlPrepared;
    private final ClientTransaction block = new ClientTransaction();
    /** In PostgreSQL's implicit block: the statements of one Query message, or of a pipeline up to Sync. */
    private boolean implicit;
    /**
     * Savepoints the client took in its block before the block reached an engine (names as
     * written, oldest first): taken on the engine right after its BEGIN when the block binds.
     */
    private final List<String> savepointsBeforeBinding = new ArrayList<>();
    /** The block (explicit or implicit) ran DDL: the catalog mirrors are stale once it commits. */
    private boolean schemaChangedInBlock;

    StatementRunner(QueryDispatcher dispatcher, LocalStatements local, PgCatalog catalog, SqlCursors cursors,
            Map<String, PreparedStatement> prepared) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.local = requireNonNull(local, "local is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.cursors = requireNonNull(cursors, "cursors is null");
        this.sqlPrepared = new SqlPrepared(prepared);
    }

    /**
     * Starts the statement. {@code onDispatch} sees the dispatched query before it starts, so a
     * CancelRequest can reach it while it waits in the queue or runs. With {@code forwardIn} (the
     * result formats the client asked for; none: all text) a PostgreSQL engine may answer with
     * its own messages in those formats ({@link PgWireRows}), to be forwarded.
     */
    Execution start(String sql, SessionState state, Consumer<RunningQuery> onDispatch,
            Optional<List<Format>> forwardIn) throws QueryException {
        return start(sql, sql, state, onDispatch, forwardIn);
    }

    /**
     * As {@link #start(String, SessionState, Consumer, Optional)}, for a statement bound from
     * {@code written}, the text the client prepared: its columns are named after that (a bound
     * parameter's literal does not name a column in PostgreSQL).
     */
    Execution start(String text, String written, SessionState state, Consumer<RunningQuery> onDispatch,
            Optional<List<Format>> forwardIn) throws QueryException {
        return start(text, written, state, onDispatch, forwardIn, true);
    }

    /** @param inBlock whether the statement joins the session's transaction block, if one is open */
    private Execution start(String text, String written, SessionState state, Consumer<RunningQuery> onDispatch,
            Optional<List<Format>> forwardIn, boolean inBlock) throws QueryException {
        String sql = DatabaseQualifiers.strip(text, state.database());
        String first = SqlText.firstWord(sql);
        if (state.transaction() == TransactionStatus.FAILED && !ALLOWED_WHEN_FAILED.contains(first)) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR,
                    "current transaction is aborted, commands ignored until end of transaction block", "25P02", null);
        }
        if (first.equals("COPY") && CopyToStdout.isFromStdin(sql)) {
            // Only PostgreSQL speaks COPY's sub-protocol: the client's data is passed on to it.
            return dispatch(new QueryRequest(sql, state.session(), withPrinting(COPY_IN, state),
                    Optional.of(EngineType.POSTGRES)), first, written, state, onDispatch, true);
        }
        if (first.equals("COPY")) {
            // Engines would read COPY ... TO STDOUT as a file on their own disk: the proxy runs the
            // query and sends its rows as COPY data itself.
            CopyToStdout copy;
            try {
                copy = CopyToStdout.parse(sql);
            } catch (IllegalArgumentException e) {
                throw new QueryException(ErrorCode.NOT_SUPPORTED, e.getMessage());
            }
            // Its rows are decoded, which a block bound to forwarded PostgreSQL connections cannot give:
            // the query runs outside the block.
            return start(copy.query(), copy.query(), state, onDispatch, Optional.empty(), false).copyingOut(copy);
        }
        if (CursorStatement.FIRST_WORDS.contains(first)) {
            return cursorStatement(parseCursorStatement(sql), written, state, onDispatch);
        }
        if (PreparedSql.FIRST_WORDS.contains(first)) {
            return preparedSql(sql, state, onDispatch, forwardIn);
        }
        boolean setTransaction = first.equals("SET") && LocalStatements.isSetTransaction(SqlText.stripComments(sql).strip());
        if (block.isBound() && !block.hasSavepoints() && (SAVEPOINTS.contains(first) || isRollbackTo(first, sql))) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED, "savepoints are not supported by the engine of cluster '"
                    + block.cluster().orElse("") + "', which this transaction block runs on");
        }
        if (block.isBound() && (SAVEPOINTS.contains(first) || isRollbackTo(first, sql) || setTransaction)) {
            // The engine has these rules (SET TRANSACTION only before the block's first query).
            Execution onEngine = dispatch(new QueryRequest(sql, state.session(), forwarded(forwardIn, state, true)), first,
                    written, state, onDispatch, true);
            if (first.equals("ROLLBACK")) {
                state.setTransaction(TransactionStatus.IN_TRANSACTION); // the engine's block is usable again
            } else if (setTransaction) {
                local.answer(sql, state); // what SHOW transaction_isolation says from now on
            }
            return onEngine;
        }
        if (state.transaction() != TransactionStatus.IDLE && !block.isBound()) {
            trackSavepoint(first, sql);
        }
        TransactionStatus before = state.transaction();
        Optional<Execution> answered = local.answer(sql, state);
        if (answered.isPresent()) {
            String tag = answered.get().tag();
            if (before != TransactionStatus.IDLE && state.transaction() == TransactionStatus.IDLE) {
                endBlock(tag.equals("COMMIT"), state);
            } else if (implicit && before == TransactionStatus.IDLE && state.transaction() != TransactionStatus.IDLE) {
                implicit = false; // BEGIN turns the implicit block into the client's own, as in PostgreSQL
            } else if (implicit && (tag.equals("COMMIT") || tag.equals("ROLLBACK"))) {
                endImplicitBlock(tag.equals("COMMIT"));
            } else if (tag.equals("DISCARD ALL")) {
                cursors.closeAll();
                sqlPrepared.deallocateAll();
            }
            return answered.get();
        }
        if (catalog.handles(sql) && !onPostgres(sql, state)) {
            return labeled(new Execution(catalog.run(sql, state.session(), local.settings(sql, state), state.processId()), Optional.empty(),
                    "SELECT"), written);
        }
        boolean joinsBlock = inBlock && (implicit || state.transaction() != TransactionStatus.IDLE);
        return dispatch(new QueryRequest(sql, state.session(), forwarded(forwardIn, state, joinsBlock)), first, written,
                state, onDispatch, inBlock);
    }

    /**
     * The encodings in which a postgres engine may answer with its own messages, for the client to
     * get as they are: when the session prints as the engine's connections do, or, in a
     * transaction block, with the session's own printing settings, which the block's connection
     * takes as SET LOCAL.
     */
    private static Set<String> forwarded(Optional<List<Format>> forwardIn, SessionState state, boolean joinsBlock) {
        if (forwardIn.isEmpty() || !state.printsLikeEngineConnections() && !joinsBlock) {
            return Set.of();
        }
        return withPrinting(encodings(forwardIn.get()), state);
    }

    /** The encodings, and the session's printing settings when they are not the engine connections'. */
    private static Set<String> withPrinting(Set<String> encodings, SessionState state) {
        if (state.printsLikeEngineConnections()) {
            return encodings;
        }
        Set<String> with = new java.util.HashSet<>(encodings);
        with.add(PgWireRows.printedWith(state.timeZoneSetting(), state.get("DateStyle").orElse("ISO, MDY"),
                state.get("IntervalStyle").orElse("postgres")));
        return with;
    }

    /**
     * The block's modes as its settings say (BEGIN's, SET TRANSACTION's, the session's defaults);
     * read committed, PostgreSQL's default, leaves the engine its own.
     */
    private TransactionMode mode(SessionState state) {
        Optional<TransactionMode.Isolation> isolation = state.get("transaction_isolation")
                .filter(level -> !level.equals("read committed")).flatMap(TransactionMode.Isolation::of);
        return new TransactionMode(isolation, state.get("transaction_read_only").filter("on"::equals).isPresent(),
                savepointsBeforeBinding);
    }

    /** SAVEPOINT, RELEASE and ROLLBACK TO before the block binds: what the engine will need to take. */
    private void trackSavepoint(String first, String sql) {
        boolean rollbackTo = isRollbackTo(first, sql);
        if (!first.equals("SAVEPOINT") && !first.equals("RELEASE") && !rollbackTo) {
            return;
        }
        List<String> tokens = List.of(SqlText.stripComments(sql).strip().replaceAll(";+$", "").strip().split("\\s+"));
        String name = tokens.getLast();
        if (first.equals("SAVEPOINT")) {
            savepointsBeforeBinding.add(name);
            return;
        }
        // RELEASE drops the savepoint and those after it; ROLLBACK TO only those after it.
        for (int i = savepointsBeforeBinding.size() - 1; i >= 0; i--) {
            if (sameName(savepointsBeforeBinding.get(i), name)) {
                savepointsBeforeBinding.subList(rollbackTo ? i + 1 : i, savepointsBeforeBinding.size()).clear();
                return;
            }
        }
    }

    /** PostgreSQL folds unquoted names to lower case. */
    private static boolean sameName(String a, String b) {
        return folded(a).equals(folded(b));
    }

    private static String folded(String name) {
        return name.startsWith("\"") ? name : name.toLowerCase(java.util.Locale.ROOT);
    }

    /** ROLLBACK ... TO; the statement's words are read only when its first is ROLLBACK. */
    private static boolean isRollbackTo(String first, String sql) {
        return first.equals("ROLLBACK")
                && LocalStatements.isRollbackTo(SqlText.leadingWords(SqlText.stripComments(sql).strip(), 3));
    }

    /**
     * The block ended (COMMIT, ROLLBACK, or a COMMIT of a failed block): the engine's transaction
     * ends with it. A COMMIT the engine refuses (a deferred constraint, a serialization failure)
     * rolled back, as in PostgreSQL, and its error is the COMMIT's.
     */
    private void endBlock(boolean commit, SessionState state) throws QueryException {
        try {
            endEngineBlock(commit);
        } catch (QueryException e) {
            cursors.transactionEnded(false);
            state.transactionEnded(false);
            throw e;
        }
        cursors.transactionEnded(commit);
        state.transactionEnded(commit);
    }

    private Execution dispatch(QueryRequest request, String first, String written, SessionState state,
            Consumer<RunningQuery> onDispatch, boolean inBlock) throws QueryException {
        String sql = request.sql();
        boolean joinsBlock = inBlock && (implicit || state.transaction() != TransactionStatus.IDLE);
        if (joinsBlock && !block.isBound()) {
            block.setMode(mode(state));
        }
        RunningQuery query = joinsBlock ? dispatcher.submit(request, block) : dispatcher.submit(request);
        onDispatch.accept(query);
        try {
            ResultCursor cursor = query.start();
            query.sessionChange().ifPresent(change -> state.setSession(change.applyTo(state.session())));
            if (SCHEMA_CHANGES.contains(first)) {
                catalog.invalidate(); // a client that creates a table and then inspects it sees it
                // Mirrors read what is committed: built again once the block's changes are.
                schemaChangedInBlock |= joinsBlock;
            }
            return named(new Execution(cursor, Optional.of(query), Execution.verbOf(sql, first),
                    Execution.isReadOnly(sql, first)), written);
        } catch (QueryException | RuntimeException e) {
            query.close();
            throw e;
        } finally {
            if (block.isBound()) {
                savepointsBeforeBinding.clear(); // taken on the engine with the block's BEGIN
            }
        }
    }

    private static PreparedSql parsePreparedSql(String sql) throws QueryException {
        try {
            return PreparedSql.parse(sql);
        } catch (IllegalArgumentException e) {
            throw new QueryException(ErrorCode.SYNTAX_ERROR, e.getMessage());
        }
    }

    private static CursorStatement parseCursorStatement(String sql) throws QueryException {
        try {
            return CursorStatement.parse(sql);
        } catch (IllegalArgumentException e) {
            throw new QueryException(ErrorCode.SYNTAX_ERROR, e.getMessage());
        }
    }

    /** @param written the statement as prepared (parameters unbound): a cursor's columns are named after it */
    private Execution cursorStatement(CursorStatement statement, String written, SessionState state,
            Consumer<RunningQuery> onDispatch) throws QueryException {
        return switch (statement) {
            case CursorStatement.Declare declare -> declare(declare,
                    parseCursorStatement(written) instanceof CursorStatement.Declare prepared ? prepared.query()
                            : declare.query(), state, onDispatch);
            case CursorStatement.Fetch fetch -> cursors.fetch(fetch, onDispatch);
            case CursorStatement.Close close -> cursors.close(close.name());
        };
    }

    /** PREPARE, EXECUTE, DEALLOCATE: EXECUTE runs the statement it names, answering as that statement does. */
    private Execution preparedSql(String sql, SessionState state, Consumer<RunningQuery> onDispatch,
            Optional<List<Format>> forwardIn) throws QueryException {
        return switch (parsePreparedSql(sql)) {
            case PreparedSql.Prepare prepare -> sqlPrepared.prepare(prepare);
            case PreparedSql.Execute execute -> {
                SqlPrepared.Bound bound = sqlPrepared.bind(execute);
                yield start(bound.sql(), bound.written(), state, onDispatch, forwardIn);
            }
            case PreparedSql.Deallocate deallocate -> sqlPrepared.deallocate(deallocate.name());
        };
    }

    /**
     * Starts the cursor's query (its rows are not read yet) and keeps it under the cursor's name,
     * with PostgreSQL's checks: a cursor without HOLD only in a transaction block, names unique.
     */
    private Execution declare(CursorStatement.Declare declare, String writtenQuery, SessionState state,
            Consumer<RunningQuery> onDispatch) throws QueryException {
        if (declare.binary()) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED, "binary cursors are not supported by the QueryFlux"
                    + " PostgreSQL frontend");
        }
        if (declare.scroll()) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED, "scrollable cursors are not supported by the QueryFlux"
                    + " PostgreSQL frontend; declare the cursor NO SCROLL");
        }
        boolean inTransaction = state.transaction() != TransactionStatus.IDLE;
        if (!declare.withHold() && !inTransaction) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR, "DECLARE CURSOR can only be used in transaction blocks",
                    "25P01", null);
        }
        if (cursors.contains(declare.name())) {
            throw new QueryException(ErrorCode.GENERIC_USER_ERROR, "cursor \"" + declare.name() + "\" already exists",
                    "42P03", null);
        }
        if (!CURSOR_QUERIES.contains(SqlText.firstWord(declare.query()))) {
            throw new QueryException(ErrorCode.SYNTAX_ERROR, "a cursor is declared for a query (SELECT, VALUES, TABLE"
                    + " or WITH)");
        }
        // On a connection of its own: a cursor is read between other statements, and an engine may
        // end a streamed result when its connection runs the next one (DuckDB does).
        Execution rows = start(declare.query(), writtenQuery, state, onDispatch, Optional.empty(), false);
        cursors.declare(declare.name(), new DeclaredCursor(rows, declare.withHold(), inTransaction));
        return Execution.done("DECLARE CURSOR");
    }

    /**
     * The result with its columns named as PostgreSQL would name them for {@code sql}, when an
     * engine of another kind ran it: DuckDB calls {@code count(*)} "count_star()", PostgreSQL
     * "count". Forwarded PostgreSQL rows keep PostgreSQL's own names.
     */
    private static Execution named(Execution execution, String sql) {
        if (execution.cursor() instanceof PgWireRows
                || execution.query().flatMap(RunningQuery::engineType).orElse(EngineType.POSTGRES) == EngineType.POSTGRES
                || execution.columns().isEmpty()) {
            return execution;
        }
        return labeled(execution, sql);
    }

    /** The result with PostgreSQL's column names for what the statement selects (count(*) is count). */
    private static Execution labeled(Execution execution, String sql) {
        return LABELS.of(sql, execution.columns().size()).map(execution::named).orElse(execution);
    }

    /** Text results come as a simple query (one message for PostgreSQL to read, not five). */
    private static Set<String> encodings(List<Format> resultFormats) {
        return Format.allText(resultFormats) ? FORWARD_TEXT
                : Set.of(PgWireRows.inResultFormats(resultFormats.stream().map(Format::code).toList()));
    }

    /**
     * What a prepared statement takes and returns, found before any parameter is bound: a
     * postgres engine describes it itself, a DuckDB engine prepares it (parameter types too,
     * which clients such as asyncpg encode their values by); elsewhere the statement runs with NULL
     * parameters under {@code LIMIT 0}. No columns for statements that return no rows.
     */
    Described describe(PreparedStatement statement, int parameterCount, SessionState state,
            Consumer<RunningQuery> onDispatch) throws QueryException {
        String sql = statement.sql();
        String first = SqlText.firstWord(sql);
        if (first.equals("FETCH") && parseCursorStatement(sql) instanceof CursorStatement.Fetch fetch && !fetch.move()) {
            return Described.of(cursors.columns(fetch.name()));
        }
        if (first.equals("EXECUTE") && parsePreparedSql(sql) instanceof PreparedSql.Execute execute) {
            // What EXECUTE returns is what the statement it runs returns (its arguments may hold $n).
            SqlPrepared.Bound target = sqlPrepared.bind(execute);
            return describe(new PreparedStatement(target.sql(), target.written(), statement.parameterTypes()),
                    parameterCount, state, onDispatch);
        }
        boolean untyped = IntStream.range(0, parameterCount).anyMatch(i -> statement.parameterType(i) == 0);
        if (!ROW_RETURNING.contains(first)) {
            // What RETURNING returns no probe can find without running the statement: only the engine can say.
            boolean returning = SqlText.hasWord(sql, "RETURNING");
            if (!untyped && !returning) {
                return Described.of(List.of());
            }
            Optional<Described> byEngine;
            try {
                byEngine = describedByEngine(statement, parameterCount, true, state, onDispatch);
            } catch (QueryException e) {
                if (returning || e.code().type() != ErrorType.USER_ERROR || e.code() == ErrorCode.USER_CANCELED) {
                    throw e; // NoData would not describe the rows RETURNING sends
                }
                // DuckDB cannot prepare some statements it runs: the statement's own error, if it has
                // one, comes when it runs.
                byEngine = Optional.empty();
            }
            return (returning ? byEngine : byEngine.map(Described::withoutColumns)).orElseGet(() -> Described.of(List.of()));
        }
        String bound = DatabaseQualifiers.strip(SqlText.bind(sql, Collections.nCopies(parameterCount, "NULL")),
                state.database());
        if (first.equals("SELECT") || first.equals("SHOW") || first.equals("WITH")) {
            // Proxy answers (version(), SHOW x, catalog queries) have no side effects: run them.
            Optional<Execution> answered = local.answer(bound, state);
            if (answered.isPresent()) {
                try (Execution e = answered.get()) {
                    return Described.of(e.columns());
                }
            }
            if (catalog.handles(bound) && !onPostgres(bound, state)) {
                try (Execution e = labeled(new Execution(catalog.run(bound, state.session(), local.settings(bound, state), state.processId()),
                        Optional.empty(), "SELECT"), statement.written())) {
                    return Described.of(e.columns());
                }
            }
        }
        if (!PROBED_QUERIES.contains(first)) {
            return Described.of(List.of()); // SHOW/EXPLAIN of an engine: described when run
        }
        Optional<Described> byEngine = describedByEngine(statement, parameterCount, untyped, state, onDispatch);
        if (byEngine.filter(Described::describesColumns).isPresent()) {
            return byEngine.get();
        }
        // Columns the engine did not describe as the client will get them, or a column of a
        // parameter it could not type ($1 + 1, which NULL gives a type).
        String probe = "SELECT * FROM (" + stripTrailingSemicolon(bound) + ") AS qf_describe LIMIT 0";
        try (Execution e = start(probe, state, onDispatch, Optional.empty())) {
            Described described = new Described(named(e, statement.written()).columns(), Optional.empty(),
                    byEngine.flatMap(Described::parameterDescription));
            e.cursor().next(); // its end (no rows): a probe closed unread would count as cancelled
            return described;
        }
    }

    /**
     * The engine's description of the statement, nothing run: PostgreSQL's own, or the statement
     * as an engine that describes any statement prepares it (DuckDB); empty where the group's
     * engines give none.
     *
     * @param untyped whether some parameter has no type yet (else only columns are worth asking for)
     */
    private Optional<Described> describedByEngine(PreparedStatement statement, int parameterCount, boolean untyped,
            SessionState state, Consumer<RunningQuery> onDispatch) throws QueryException {
        Optional<Described> byPostgres = describedByPostgres(statement, untyped, state, onDispatch);
        return byPostgres.isPresent() ? byPostgres : preparedByEngine(statement, parameterCount, state, onDispatch);
    }

    /**
     * The statement as the engine prepares it, when the group places it on engines that describe
     * any statement (DuckDB); empty otherwise. Parameters the statement does not type itself get
     * the engine's types, where the proxy reads them in binary.
     */
    private Optional<Described> preparedByEngine(PreparedStatement statement, int parameterCount, SessionState state,
            Consumer<RunningQuery> onDispatch) throws QueryException {
        // DuckDB cannot type x = ANY($1), but types x = ($1): asked so, the parameter is an array of that.
        Set<Integer> arrays = new HashSet<>();
        String asked = ARRAY_COMPARISON.matcher(statement.sql()).replaceAll(m -> {
            arrays.add(Integer.parseInt(m.group(1)) - 1);
            return "(\\$" + m.group(1) + ")";
        });
        QueryRequest request = new QueryRequest(DatabaseQualifiers.strip(asked, state.database()),
                state.session(), Set.of(StatementDescription.REQUEST));
        if (block.isBound() ? !block.isBoundTo(Engine::describesAnyStatement) : !routedTo(request, Engine::describesAnyStatement)) {
            return Optional.empty();
        }
        return described(request, onDispatch, cursor -> {
            if (!(cursor instanceof StatementDescription d)) {
                return Optional.empty();
            }
            List<Integer> types = new ArrayList<>(parameterCount);
            for (int i = 0; i < parameterCount; i++) {
                int declared = statement.parameterType(i);
                SqlType inferred = i < d.parameterTypes().size() ? d.parameterTypes().get(i) : SqlType.UNKNOWN;
                if (arrays.contains(i) && !inferred.equals(SqlType.UNKNOWN)) {
                    inferred = SqlType.array(inferred);
                }
                types.add(declared != 0 ? PgParameterDecoder.describedAs(declared) : parameterOid(inferred));
            }
            List<Column> columns = LABELS.of(statement.written(), d.columns().size())
                    .map(names -> Column.renamed(d.columns(), names)).orElse(d.columns());
            return Optional.of(Described.withParameters(columns, types));
        });
    }

    /**
     * Whether Bind should have the statement described first: a parameter the client left untyped
     * is compared with ANY or ALL (node-postgres sends {@code id = ANY($1)} so, never describing),
     * which only the engine's description makes an array of the right type.
     */
    static boolean typesArraysWhenDescribed(PreparedStatement statement, int parameterCount) {
        return statement.described().isEmpty() && ARRAY_COMPARISON.matcher(statement.sql()).find()
                && IntStream.range(0, parameterCount).anyMatch(i -> statement.parameterType(i) == 0);
    }

    /** A describe-only request's answer, read by {@code read}; empty when the engine refused it. */
    private Optional<Described> described(QueryRequest request, Consumer<RunningQuery> onDispatch,
            Function<ResultCursor, Optional<Described>> read) throws QueryException {
        RunningQuery query = block.isBound() ? dispatcher.submit(request, block) : dispatcher.submit(request);
        onDispatch.accept(query);
        try (query) {
            return read.apply(query.start());
        } catch (QueryException e) {
            if (e.code() == ErrorCode.NOT_SUPPORTED) {
                return Optional.empty(); // routed otherwise than explained (a script router may decide anew)
            }
            throw e;
        }
    }

    /** The type a client is told to send a parameter as: text unless the proxy reads its binary form. */
    private static int parameterOid(SqlType type) {
        if (type.equals(SqlType.UNKNOWN)) {
            return PgType.TEXT.oid();
        }
        int oid = PgColumnType.of(type).oid();
        return PgParameterDecoder.readsInBinary(oid) ? oid : PgType.TEXT.oid();
    }

    /**
     * PostgreSQL's own Parse and Describe of the statement, when the group places it on postgres
     * engines that can (nothing runs); empty otherwise. Its RowDescription only for a statement
     * whose rows PostgreSQL's connection will forward as they are: the proxy encodes the others.
     */
    private Optional<Described> describedByPostgres(PreparedStatement statement, boolean untyped, SessionState state,
            Consumer<RunningQuery> onDispatch) throws QueryException {
        QueryRequest request = new QueryRequest(DatabaseQualifiers.strip(statement.sql(), state.database()),
                state.session(), withPrinting(Set.of(PgWireDescription.of(statement.parameterTypes())), state),
                Optional.of(EngineType.POSTGRES));
        // A bound block's statements see its own writes, so only its connection can describe them: one
        // that forwards describes and forwards any statement; in others the probe runs in the block.
        // Outside a block, asked only where every member can answer (a refusal would count as a
        // failed query and take a group slot), and only for what may be forwarded or has parameters
        // to type.
        boolean dml = !ROW_RETURNING.contains(SqlText.firstWord(statement.sql()));
        boolean ask = block.isBound() ? block.describesStatements()
                : (state.printsLikeEngineConnections() || dml || untyped) && state.session().schema().isEmpty()
                        && routedTo(request, e -> e.type() == EngineType.POSTGRES && e.describesStatements());
        if (!ask) {
            return Optional.empty();
        }
        return described(request, onDispatch, cursor -> {
            if (!(cursor instanceof PgWireDescription d)) {
                return Optional.empty();
            }
            // PostgreSQL's columns are the client's when its rows are forwarded as they are. A DML
            // statement's RETURNING rows that are not (a session that prints otherwise) are encoded
            // by the proxy, but no probe can find their columns: PostgreSQL's are the best there are.
            boolean rowsAsDescribed = block.isBound() || state.printsLikeEngineConnections() && d.rowsForwarded() || dml;
            return Optional.of(new Described(List.of(), Optional.ofNullable(rowsAsDescribed ? d.rowDescription() : null),
                    Optional.of(readableParameters(d.parameterDescription()))));
        });
    }

    /**
     * PostgreSQL's ParameterDescription with every type the proxy cannot read in binary (jsonb,
     * interval, arrays of those...) turned into text: drivers choose a parameter's format by its described
     * type, and the proxy binds parameters into the statement's text.
     */
    private static byte[] readableParameters(byte[] parameterDescription) {
        ByteBuffer types = ByteBuffer.wrap(parameterDescription.clone());
        int count = types.getShort() & 0xffff;
        for (int i = 0; i < count; i++) {
            int at = 2 + 4 * i;
            if (!PgParameterDecoder.readsInBinary(types.getInt(at))) {
                types.putInt(at, PgType.TEXT.oid());
            }
        }
        return types.array();
    }

    /**
     * Whether the statement runs on PostgreSQL: in a block bound to it, or routed to a group of
     * postgres clusters only. Its catalog queries are then PostgreSQL's own (its exact types, what
     * a block has created), not the mirror's.
     */
    boolean onPostgres(String sql, SessionState state) {
        Predicate<Engine> postgres = e -> e.type() == EngineType.POSTGRES;
        return block.isBound() ? block.isBoundTo(postgres) : routedTo(new QueryRequest(sql, state.session()), postgres);
    }

    /** Whether the group the request would be routed to has only members whose engines can. */
    private boolean routedTo(QueryRequest request, Predicate<Engine> can) {
        return dispatcher.explain(request).group().map(dispatcher.groups()::get)
                .filter(group -> group.members().stream().allMatch(c -> can.test(c.engine())))
                .isPresent();
    }

    private static String stripTrailingSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /**
     * Runs the statements from here to the end of the Query message, or to Sync, as one
     * transaction where the engine has them, as PostgreSQL runs several statements sent together
     * (pgjdbc's batches): if one fails, none of them is committed.
     */
    void beginImplicitBlock() {
        implicit = true;
    }

    boolean inImplicitBlock() {
        return implicit;
    }

    /** Whether PostgreSQL would run the statement inside a transaction block (VACUUM, CREATE DATABASE... not). */
    static boolean runsInBlocks(String sql) {
        return !OUTSIDE_BLOCKS.matcher(SqlText.stripComments(sql).strip()).matches();
    }

    /** The end of the Query message or the Sync: the implicit block commits, or rolls back after an error. */
    void endImplicitBlock(boolean commit) throws QueryException {
        if (!implicit) {
            return;
        }
        implicit = false;
        endEngineBlock(commit);
    }

    private void endEngineBlock(boolean commit) throws QueryException {
        savepointsBeforeBinding.clear();
        try {
            block.end(commit);
        } finally {
            if (schemaChangedInBlock) {
                schemaChangedInBlock = false;
                catalog.invalidate();
            }
        }
    }

    /** Rolls back a transaction block the client left open. */
    @Override
    public void close() {
        block.close();
    }
}

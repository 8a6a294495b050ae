package io.queryflux.protocol.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.Column;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.protocol.flight.arrow.ArrowSchemas;
import io.queryflux.protocol.flight.arrow.BatchStreamer;
import io.queryflux.protocol.flight.arrow.BatchStreamer.ClientGoneException;
import io.queryflux.protocol.flight.sql.ParameterTypes;
import io.queryflux.protocol.flight.sql.SqlLiterals;
import io.queryflux.protocol.flight.sql.SqlText;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.CancelResult;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Flight SQL commands, each answered through the {@link QueryDispatcher}.
 *
 * <p>A statement query starts at GetFlightInfo: it is routed, queued and started there, so the
 * FlightInfo carries the engine's real result schema and errors (syntax, missing table, full
 * queue) reach the client on the call that expects them, with no second execution to learn the
 * schema. The started query waits in {@link ResultTickets} for the DoGet that reads it; one never
 * redeemed is cancelled after the ticket timeout and its group slot freed. While a query waits in
 * its group's queue, a client that cancels or whose deadline passes cancels it.
 */
final class QueryFluxSqlProducer implements FlightSqlProducer {
    private static final System.Logger LOG = System.getLogger(QueryFluxSqlProducer.class.getName());
    /** Bounds what one DoPut may bind; larger loads belong in bulk ingestion. */
    private static final int MAX_PARAMETER_ROWS = 100_000;
    private static final long CANCEL_POLL_MILLIS = 50;

    private final QueryDispatcher dispatcher;
    private final BufferAllocator allocator;
    private final BatchStreamer streamer;
    private final ResultTickets tickets;
    private final PreparedStatements prepared = new PreparedStatements();
    private final SessionStore sessions;
    private final ScheduledExecutorService scheduler;
    private final CatalogMetadata metadata;
    private final SqlInfoBuilder sqlInfo;

    QueryFluxSqlProducer(QueryDispatcher dispatcher, BufferAllocator allocator, FlightSqlFrontendConfig config,
            ScheduledExecutorService scheduler) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.streamer = new BatchStreamer(allocator, config.batchRows(), config.maxBatchBytes());
        this.tickets = new ResultTickets(config.ticketTimeout());
        this.sessions = new SessionStore(config.tokenLifetime());
        this.metadata = new CatalogMetadata(new CatalogMetadata.Runner() {
            @Override
            public List<List<Object>> rows(ClientSession session, String sql) throws QueryException {
                return readAll(session, sql);
            }

            @Override
            public List<Column> columns(ClientSession session, String sql) throws QueryException {
                return describeColumns(session, sql);
            }
        });
        this.sqlInfo = ServerSqlInfo.create();
        long reapMillis = Math.max(10, Math.min(1_000, config.ticketTimeout().toMillis() / 2));
        scheduler.scheduleWithFixedDelay(tickets::reapExpired, reapMillis, reapMillis, TimeUnit.MILLISECONDS);
    }

    ResultTickets tickets() {
        return tickets;
    }

    PreparedStatements preparedStatements() {
        return prepared;
    }

    // ---- sessions and running ----

    private ClientSession session(CallContext context) {
        return sessions.apply(token(context), CallSessions.sessionOf(context));
    }

    private static Optional<String> token(CallContext context) {
        CallHeadersMiddleware headers = context.getMiddleware(CallHeadersMiddleware.KEY);
        return headers == null ? Optional.empty() : Optional.ofNullable(headers.headers().get("authorization"));
    }

    /** A started query and its cursor; the caller must close the query. */
    private record Started(RunningQuery query, ResultCursor cursor) {}

    /**
     * Submits and starts a statement. While it is routed, queued and started, a cancelled call
     * (client cancel or deadline) cancels it, so a queued query never outlives its caller.
     */
    private Started start(ClientSession session, String sql, Optional<CallContext> context) throws QueryException {
        RunningQuery query = dispatcher.submit(new QueryRequest(sql, session));
        ScheduledFuture<?> watch = context.map(c -> scheduler.scheduleWithFixedDelay(() -> {
            if (c.isCancelled()) {
                query.cancel();
            }
        }, CANCEL_POLL_MILLIS, CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS)).orElse(null);
        try {
            ResultCursor cursor = query.start();
            return new Started(query, cursor);
        } catch (QueryException | RuntimeException e) {
            query.close();
            throw e;
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
        }
    }

    private List<List<Object>> readAll(ClientSession session, String sql) throws QueryException {
        Started started = start(session, sql, Optional.empty());
        try (RunningQuery query = started.query()) {
            ResultCursor cursor = started.cursor();
            int columns = cursor.columns().size();
            List<List<Object>> rows = new ArrayList<>();
            while (cursor.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 0; i < columns; i++) {
                    row.add(cursor.value(i));
                }
                rows.add(Collections.unmodifiableList(row));
            }
            return rows;
        }
    }

    private List<Column> describeColumns(ClientSession session, String sql) throws QueryException {
        Started started = start(session, sql, Optional.empty());
        try (RunningQuery query = started.query()) {
            List<Column> columns = started.cursor().columns();
            query.cancel(); // only the columns were wanted; the rows of a SHOW need not be read
            return columns;
        }
    }

    /** The result schema of a statement, found without reading its rows. */
    private Schema describe(ClientSession session, SqlText text) throws QueryException {
        if (!text.returnsRows()) {
            return new Schema(List.of());
        }
        String sql = text.wrappable()
                ? text.describeQuery()
                : text.bind(Collections.nCopies(text.parameterCount(), "NULL"));
        return ArrowSchemas.schema(describeColumns(session, sql));
    }

    private long runUpdate(ClientSession session, String sql, CallContext context, Optional<String> token)
            throws QueryException {
        Started started = start(session, sql, Optional.of(context));
        try (RunningQuery query = started.query()) {
            query.sessionChange().ifPresent(change -> sessions.remember(token, change));
            ResultCursor cursor = started.cursor();
            // A statement that returns rows where an update was expected is run to its end.
            while (cursor.next()) {
                // draining
            }
            return cursor.updateCount().orElse(-1);
        }
    }

    private FlightInfo startTicketed(ClientSession session, String sql, CallContext context,
            FlightDescriptor descriptor) {
        Started started;
        try {
            started = start(session, sql, Optional.of(context));
        } catch (QueryException e) {
            throw FlightErrors.toFlight(e);
        }
        started.query().sessionChange().ifPresent(change -> sessions.remember(token(context), change));
        Schema schema = ArrowSchemas.schema(started.cursor().columns());
        ByteString handle = tickets.register(started.query(), started.cursor(), context.peerIdentity());
        Ticket ticket = new Ticket(Any.pack(TicketStatementQuery.newBuilder().setStatementHandle(handle).build())
                .toByteArray());
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
    }

    // ---- statements ----

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return startTicketed(session(context), command.getQuery(), context, descriptor);
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        try {
            return new SchemaResult(describe(session(context), SqlText.of(command.getQuery())));
        } catch (QueryException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        ByteString handle = ticket.getStatementHandle();
        Optional<ResultTickets.Entry> entry = tickets.redeem(handle, context.peerIdentity());
        if (entry.isEmpty()) {
            listener.error(FlightErrors.notFound("Unknown, expired or already read ticket"));
            return;
        }
        RunningQuery query = entry.get().query();
        listener.setOnCancelHandler(query::cancel);
        try {
            ResultCursor cursor = entry.get().cursor();
            Schema schema = ArrowSchemas.schema(cursor.columns());
            if (cursor.columns().isEmpty()) {
                streamer.streamEmpty(schema, listener);
            } else {
                streamer.stream(cursor, schema, listener);
            }
        } catch (QueryException e) {
            listener.error(FlightErrors.toFlight(e));
        } catch (ClientGoneException e) {
            query.cancel();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Streaming query " + query.id() + " failed", e);
            listener.error(FlightErrors.internal("Streaming the result failed: " + e, e));
        } finally {
            query.close();
            tickets.finished(handle);
        }
    }

    @Override
    public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context, FlightStream flightStream,
            StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                long count = runUpdate(session(context), command.getQuery(), context, token(context));
                sendPutResult(ackStream, DoPutUpdateResult.newBuilder().setRecordCount(count).build());
            } catch (QueryException e) {
                ackStream.onError(FlightErrors.toFlight(e));
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            }
        };
    }

    private void sendPutResult(StreamListener<PutResult> ackStream, Message message) {
        byte[] bytes = message.toByteArray();
        try (ArrowBuf buffer = allocator.buffer(bytes.length)) {
            buffer.writeBytes(bytes);
            ackStream.onNext(PutResult.metadata(buffer));
        }
        ackStream.onCompleted();
    }

    // ---- prepared statements ----

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        try {
            SqlText text = SqlText.of(request.getQuery());
            Schema dataset = describe(session(context), text);
            Schema parameters = ParameterTypes.of(text);
            ByteString handle = prepared.add(text, context.peerIdentity(), dataset, parameters);
            ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(handle)
                    .setDatasetSchema(ByteString.copyFrom(CatalogMetadata.serialize(dataset)))
                    .setParameterSchema(ByteString.copyFrom(CatalogMetadata.serialize(parameters)))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (QueryException e) {
            listener.onError(FlightErrors.toFlight(e));
        } catch (FlightRuntimeException e) {
            listener.onError(e);
        }
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        prepared.close(request.getPreparedStatementHandle(), context.peerIdentity());
        listener.onCompleted();
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                PreparedStatements.Prepared statement =
                        prepared.get(command.getPreparedStatementHandle(), context.peerIdentity());
                statement.boundRows().set(readParameterRows(flightStream, statement.text().parameterCount()));
                sendPutResult(ackStream, DoPutPreparedStatementResult.newBuilder()
                        .setPreparedStatementHandle(command.getPreparedStatementHandle())
                        .build());
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            }
        };
    }

    private static List<List<String>> readParameterRows(FlightStream stream, int parameterCount) {
        List<List<String>> rows = new ArrayList<>();
        while (stream.next()) {
            VectorSchemaRoot root = stream.getRoot();
            if (root.getFieldVectors().size() != parameterCount) {
                throw FlightErrors.invalidArgument("The prepared statement has " + parameterCount
                        + " parameters but " + root.getFieldVectors().size() + " were bound");
            }
            if (rows.size() + root.getRowCount() > MAX_PARAMETER_ROWS) {
                throw FlightErrors.invalidArgument("At most " + MAX_PARAMETER_ROWS + " parameter rows may be bound");
            }
            for (int row = 0; row < root.getRowCount(); row++) {
                List<String> literals = new ArrayList<>(parameterCount);
                for (FieldVector vector : root.getFieldVectors()) {
                    try {
                        literals.add(SqlLiterals.literal(vector, row));
                    } catch (IllegalArgumentException e) {
                        throw FlightErrors.invalidArgument(e.getMessage());
                    }
                }
                rows.add(List.copyOf(literals));
            }
        }
        return List.copyOf(rows);
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        PreparedStatements.Prepared statement =
                prepared.get(command.getPreparedStatementHandle(), context.peerIdentity());
        List<List<String>> rows = statement.rowsToRun();
        if (rows.size() != 1) {
            throw FlightErrors.invalidArgument("A prepared query runs with one parameter row; " + rows.size()
                    + " were bound");
        }
        return startTicketed(session(context), statement.text().bind(rows.get(0)), context, descriptor);
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return new SchemaResult(prepared.get(command.getPreparedStatementHandle(), context.peerIdentity())
                .datasetSchema());
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            ServerStreamListener listener) {
        listener.error(FlightErrors.invalidArgument(
                "Read a prepared statement's result with the ticket from its GetFlightInfo"));
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                PreparedStatements.Prepared statement =
                        prepared.get(command.getPreparedStatementHandle(), context.peerIdentity());
                List<List<String>> rows = readParameterRows(flightStream, statement.text().parameterCount());
                if (rows.isEmpty()) {
                    rows = statement.rowsToRun();
                }
                ClientSession session = session(context);
                long total = 0;
                for (List<String> row : rows) {
                    long count = runUpdate(session, statement.text().bind(row), context, token(context));
                    total = count < 0 || total < 0 ? -1 : total + count;
                }
                sendPutResult(ackStream, DoPutUpdateResult.newBuilder().setRecordCount(total).build());
            } catch (QueryException e) {
                ackStream.onError(FlightErrors.toFlight(e));
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            }
        };
    }

    // ---- cancellation ----

    @Override
    public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context,
            StreamListener<CancelStatus> listener) {
        listener.onNext(cancel(request.getInfo(), context) ? CancelStatus.CANCELLED : CancelStatus.NOT_CANCELLABLE);
        listener.onCompleted();
    }

    @Override
    @SuppressWarnings("deprecation")
    public void cancelQuery(FlightInfo info, CallContext context, StreamListener<CancelResult> listener) {
        listener.onNext(cancel(info, context) ? CancelResult.CANCELLED : CancelResult.NOT_CANCELLABLE);
        listener.onCompleted();
    }

    private boolean cancel(FlightInfo info, CallContext context) {
        boolean cancelled = false;
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            Optional<ByteString> handle = statementHandle(endpoint.getTicket());
            if (handle.isPresent() && tickets.cancel(handle.get(), context.peerIdentity())) {
                cancelled = true;
            }
        }
        return cancelled;
    }

    private static Optional<ByteString> statementHandle(Ticket ticket) {
        try {
            Any any = Any.parseFrom(ticket.getBytes());
            return any.is(TicketStatementQuery.class)
                    ? Optional.of(any.unpack(TicketStatementQuery.class).getStatementHandle())
                    : Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    // ---- catalog metadata ----

    private FlightInfo commandInfo(Message command, FlightDescriptor descriptor, Schema schema) {
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(new Ticket(Any.pack(command).toByteArray()))),
                -1, -1);
    }

    /** The rows of a metadata command, in the command's fixed schema. */
    @FunctionalInterface
    private interface MetadataRows {
        List<List<Object>> rows(ClientSession session) throws QueryException;
    }

    private void streamMetadata(CallContext context, ServerStreamListener listener, Schema schema,
            MetadataRows rows) {
        try {
            streamer.stream(new ListCursor(rows.rows(session(context))), schema, listener);
        } catch (QueryException e) {
            listener.error(FlightErrors.toFlight(e));
        } catch (ClientGoneException e) {
            // nothing is running: the listing was read before streaming
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Metadata command failed", e);
            listener.error(FlightErrors.internal("Metadata command failed: " + e, e));
        }
    }

    @Override
    public FlightInfo getFlightInfoSqlInfo(CommandGetSqlInfo request, CallContext context,
            FlightDescriptor descriptor) {
        return commandInfo(request, descriptor, Schemas.GET_SQL_INFO_SCHEMA);
    }

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        sqlInfo.send(command.getInfoList(), listener);
    }

    @Override
    public FlightInfo getFlightInfoCatalogs(CommandGetCatalogs request, CallContext context,
            FlightDescriptor descriptor) {
        return commandInfo(request, descriptor, Schemas.GET_CATALOGS_SCHEMA);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        streamMetadata(context, listener, Schemas.GET_CATALOGS_SCHEMA, metadata::catalogs);
    }

    @Override
    public FlightInfo getFlightInfoSchemas(CommandGetDbSchemas request, CallContext context,
            FlightDescriptor descriptor) {
        return commandInfo(request, descriptor, Schemas.GET_SCHEMAS_SCHEMA);
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        Optional<String> catalog = command.hasCatalog() ? Optional.of(command.getCatalog()) : Optional.empty();
        Optional<String> pattern = command.hasDbSchemaFilterPattern()
                ? Optional.of(command.getDbSchemaFilterPattern())
                : Optional.empty();
        streamMetadata(context, listener, Schemas.GET_SCHEMAS_SCHEMA, s -> metadata.schemas(s, catalog, pattern));
    }

    @Override
    public FlightInfo getFlightInfoTables(CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
        return commandInfo(request, descriptor,
                request.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA);
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        Optional<String> catalog = command.hasCatalog() ? Optional.of(command.getCatalog()) : Optional.empty();
        Optional<String> schemaPattern = command.hasDbSchemaFilterPattern()
                ? Optional.of(command.getDbSchemaFilterPattern())
                : Optional.empty();
        Optional<String> tablePattern = command.hasTableNameFilterPattern()
                ? Optional.of(command.getTableNameFilterPattern())
                : Optional.empty();
        List<String> types = List.copyOf(command.getTableTypesList());
        boolean includeSchema = command.getIncludeSchema();
        streamMetadata(context, listener,
                includeSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA,
                s -> metadata.tables(s, catalog, schemaPattern, tablePattern, types, includeSchema));
    }

    @Override
    public FlightInfo getFlightInfoTableTypes(CommandGetTableTypes request, CallContext context,
            FlightDescriptor descriptor) {
        return commandInfo(request, descriptor, Schemas.GET_TABLE_TYPES_SCHEMA);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        streamMetadata(context, listener, Schemas.GET_TABLE_TYPES_SCHEMA, metadata::tableTypes);
    }

    // The proxy reports no keys: the engines behind it expose no constraints through the SPI.

    @Override
    public FlightInfo getFlightInfoPrimaryKeys(CommandGetPrimaryKeys request, CallContext context,
            FlightDescriptor descriptor) {
        return commandInfo(request, descriptor, Schemas.GET_PRIMARY_KEYS_SCHEMA);
    }

    @Override
    public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context,
            ServerStreamListener listener) {
        streamer.streamEmpty(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener);
    }

    @Override
    public FlightInfo getFlightInfoExportedKeys(CommandGetExportedKeys request, CallContext context,
            FlightDescriptor descriptor) {
        return commandInfo(request, descriptor, Schemas.GET_EXPORTED_KEYS_SCHEMA);
    }

    @Override
    public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context,
            ServerStreamListener listener) {
        streamer.streamEmpty(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener);
    }

    @Override
    public FlightInfo getFlightInfoImportedKeys(CommandGetImportedKeys request, CallContext context,
            FlightDescriptor descriptor) {
        return commandInfo(request, descriptor, Schemas.GET_IMPORTED_KEYS_SCHEMA);
    }

    @Override
    public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context,
            ServerStreamListener listener) {
        streamer.streamEmpty(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener);
    }

    @Override
    public FlightInfo getFlightInfoCrossReference(CommandGetCrossReference request, CallContext context,
            FlightDescriptor descriptor) {
        return commandInfo(request, descriptor, Schemas.GET_CROSS_REFERENCE_SCHEMA);
    }

    @Override
    public void getStreamCrossReference(CommandGetCrossReference command, CallContext context,
            ServerStreamListener listener) {
        streamer.streamEmpty(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener);
    }

    @Override
    public FlightInfo getFlightInfoTypeInfo(CommandGetXdbcTypeInfo request, CallContext context,
            FlightDescriptor descriptor) {
        throw CallStatus.UNIMPLEMENTED.withDescription("GetXdbcTypeInfo is not supported").toRuntimeException();
    }

    @Override
    public void getStreamTypeInfo(CommandGetXdbcTypeInfo request, CallContext context,
            ServerStreamListener listener) {
        listener.error(CallStatus.UNIMPLEMENTED.withDescription("GetXdbcTypeInfo is not supported").toRuntimeException());
    }

    @Override
    public void listFlights(CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
        listener.onError(CallStatus.UNIMPLEMENTED.withDescription("ListFlights is not supported").toRuntimeException());
    }

    @Override
    public void close() {
        tickets.close();
    }
}

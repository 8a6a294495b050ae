package io.queryflux.engine.athena;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.queryflux.engine.Column;
import io.queryflux.engine.Engine;
import io.queryflux.engine.EngineQuery;
import io.queryflux.engine.ErrorType;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.QueryExecution;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.time.format.DateTimeFormatter;
import io.queryflux.engine.TypeKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A local endpoint that speaks Athena's JSON API (AWS JSON 1.1, {@code X-Amz-Target:
 * AmazonAthena.*}) closely enough for the real AWS SDK, and runs each statement on a real
 * engine (embedded DuckDB). Results come back as Athena shapes them: every value a string, the
 * column labels as the first row of a SELECT's first page, at most 1000 rows a page. Tests can
 * hold queries in QUEUED and RUNNING, throttle operations, and disable workgroups.
 */
final class FakeAthenaServer implements AutoCloseable {
    private static final String TARGET_PREFIX = "AmazonAthena.";
    private static final int MAX_PAGE = 1000;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Engine backend;
    private final Map<String, FakeQuery> queries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, String> workgroups = new ConcurrentHashMap<>(Map.of("primary", "ENABLED"));
    private final List<JsonNode> startRequests = new CopyOnWriteArrayList<>();
    private volatile Duration holdQueued = Duration.ZERO;
    private volatile Duration holdRunning = Duration.ZERO;

    private FakeAthenaServer(HttpServer server, Engine backend) {
        this.server = server;
        this.backend = backend;
    }

    static FakeAthenaServer start(Engine backend) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeAthenaServer fake = new FakeAthenaServer(server, requireNonNull(backend, "backend is null"));
        server.createContext("/", fake::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return fake;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** New queries stay QUEUED, then RUNNING, this long before they run. */
    void hold(Duration queued, Duration running) {
        holdQueued = queued;
        holdRunning = running;
    }

    /** The next {@code times} calls of the operation fail with ThrottlingException. */
    void throttle(String operation, int times) {
        throttles.computeIfAbsent(operation, o -> new AtomicInteger()).set(times);
    }

    int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    void setWorkgroup(String name, String state) {
        workgroups.put(name, state);
    }

    JsonNode lastStartRequest() {
        return startRequests.getLast();
    }

    FakeQuery lastQuery() {
        return queries.values().stream().max((a, b) -> a.submitted.compareTo(b.submitted)).orElseThrow();
    }

    void reset() {
        hold(Duration.ZERO, Duration.ZERO);
        throttles.clear();
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
            calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
            JsonNode request;
            try (InputStream body = exchange.getRequestBody()) {
                request = json.readTree(body);
            }
            AtomicInteger throttled = throttles.get(operation);
            if (throttled != null && throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 400, error("ThrottlingException", "Rate exceeded"));
                return;
            }
            try {
                ObjectNode response = switch (operation) {
                    case "StartQueryExecution" -> startQuery(request);
                    case "GetQueryExecution" -> getQueryExecution(request);
                    case "GetQueryResults" -> getQueryResults(request);
                    case "StopQueryExecution" -> stopQuery(request);
                    case "GetWorkGroup" -> getWorkGroup(request);
                    default -> throw new InvalidRequest("Unknown operation " + target);
                };
                respond(exchange, 200, response);
            } catch (InvalidRequest e) {
                respond(exchange, 400, error("InvalidRequestException", e.getMessage()));
            }
        }
    }

    private ObjectNode error(String type, String message) {
        return json.createObjectNode().put("__type", type).put("message", message);
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ObjectNode startQuery(JsonNode request) {
        startRequests.add(request);
        FakeQuery query = new FakeQuery(UUID.randomUUID().toString(), request.path("QueryString").asText());
        queries.put(query.id, query);
        query.worker = Thread.ofVirtual().start(() -> query.execute(holdQueued, holdRunning));
        return json.createObjectNode().put("QueryExecutionId", query.id);
    }

    private FakeQuery query(JsonNode request) throws InvalidRequest {
        FakeQuery query = queries.get(request.path("QueryExecutionId").asText());
        if (query == null) {
            throw new InvalidRequest("QueryExecution " + request.path("QueryExecutionId").asText() + " was not found");
        }
        return query;
    }

    private ObjectNode getQueryExecution(JsonNode request) throws InvalidRequest {
        FakeQuery query = query(request);
        String state = query.state;
        query.reported(state);
        ObjectNode execution = json.createObjectNode()
                .put("QueryExecutionId", query.id)
                .put("Query", query.sql)
                .put("StatementType", query.statementType)
                .put("SubstatementType", query.substatementType);
        ObjectNode status = execution.putObject("Status")
                .put("State", state)
                .put("SubmissionDateTime", query.submitted.toEpochMilli() / 1000.0);
        if (query.failure != null) {
            status.put("StateChangeReason", query.failure.getMessage());
            status.putObject("AthenaError")
                    .put("ErrorCategory", query.failure.code().type() == ErrorType.USER_ERROR ? 2 : 1)
                    .put("ErrorType", 1000)
                    .put("Retryable", false)
                    .put("ErrorMessage", query.failure.getMessage());
        }
        ObjectNode response = json.createObjectNode();
        response.set("QueryExecution", execution);
        return response;
    }

    private ObjectNode getQueryResults(JsonNode request) throws InvalidRequest {
        FakeQuery query = query(request);
        if (!"SUCCEEDED".equals(query.state)) {
            throw new InvalidRequest("Query has not yet finished. Current state: " + query.state);
        }
        int max = request.path("MaxResults").asInt(MAX_PAGE);
        if (max < 1 || max > MAX_PAGE) {
            throw new InvalidRequest("MaxResults must be between 1 and 1000");
        }
        int offset = request.hasNonNull("NextToken") ? Integer.parseInt(request.path("NextToken").asText()) : 0;
        ObjectNode response = json.createObjectNode();
        ObjectNode resultSet = response.putObject("ResultSet");
        ArrayNode rows = resultSet.putArray("Rows");
        int end = Math.min(query.rows.size(), offset + max);
        for (List<String> row : query.rows.subList(offset, end)) {
            ArrayNode data = rows.addObject().putArray("Data");
            for (String value : row) {
                ObjectNode datum = data.addObject();
                if (value != null) {
                    datum.put("VarCharValue", value);
                }
            }
        }
        ArrayNode columns = resultSet.putObject("ResultSetMetadata").putArray("ColumnInfo");
        for (Column column : query.columns) {
            AthenaShapes.columnInfo(columns.addObject(), column);
        }
        if (end < query.rows.size()) {
            response.put("NextToken", Integer.toString(end));
        }
        if (query.updateCount != null) {
            response.put("UpdateCount", query.updateCount);
        }
        return response;
    }

    private ObjectNode stopQuery(JsonNode request) throws InvalidRequest {
        query(request).stop();
        return json.createObjectNode();
    }

    private ObjectNode getWorkGroup(JsonNode request) throws InvalidRequest {
        String name = request.path("WorkGroup").asText();
        String state = workgroups.get(name);
        if (state == null) {
            throw new InvalidRequest("WorkGroup " + name + " is not found.");
        }
        ObjectNode response = json.createObjectNode();
        response.putObject("WorkGroup").put("Name", name).put("State", state);
        return response;
    }

    @Override
    public void close() {
        queries.values().forEach(FakeQuery::stop);
        server.stop(0);
    }

    /** An error Athena reports as InvalidRequestException. */
    private static final class InvalidRequest extends Exception {
        InvalidRequest(String message) {
            super(message);
        }
    }

    /** One statement, from QUEUED to an end state, with its whole result as strings. */
    final class FakeQuery {
        final String id;
        final String sql;
        final Instant submitted = Instant.now();
        final String statementType;
        final String substatementType;
        final List<String> reportedStates = new CopyOnWriteArrayList<>();
        volatile String state = "QUEUED";
        volatile QueryException failure;
        volatile List<Column> columns = List.of();
        volatile List<List<String>> rows = List.of();
        volatile Long updateCount;
        volatile boolean stopRequested;
        private volatile QueryExecution execution;
        private volatile Thread worker;
        private final ReentrantLock stateLock = new ReentrantLock();

        FakeQuery(String id, String sql) {
            this.id = id;
            this.sql = sql;
            String keyword = sql.strip().split("\\s+")[0].toUpperCase(Locale.ROOT);
            this.substatementType = switch (keyword) {
                case "WITH", "VALUES", "FROM" -> "SELECT";
                default -> keyword;
            };
            this.statementType = switch (substatementType) {
                case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE" -> "DML";
                case "SHOW", "DESCRIBE", "EXPLAIN" -> "UTILITY";
                default -> "DDL";
            };
        }

        /** The distinct states GetQueryExecution reported, in order. */
        List<String> reportedStates() {
            return List.copyOf(reportedStates);
        }

        private void reported(String state) {
            if (reportedStates.isEmpty() || !reportedStates.getLast().equals(state)) {
                reportedStates.add(state);
            }
        }

        private void execute(Duration queued, Duration running) {
            try {
                Thread.sleep(queued);
                moveTo("RUNNING");
                Thread.sleep(running);
            } catch (InterruptedException e) {
                return; // stopped
            }
            EngineQuery engineQuery = new EngineQuery(id, sql, "athena", Optional.empty(), Optional.empty(),
                    Optional.empty(), Map.of(), Set.of());
            try (QueryExecution run = backend.prepare(engineQuery)) {
                execution = run;
                if (stopRequested) {
                    return;
                }
                try (ResultCursor cursor = run.run()) {
                    List<List<String>> result = new ArrayList<>();
                    if ("DML".equals(statementType) && !cursor.columns().isEmpty()) {
                        result.add(cursor.columns().stream().map(Column::name).toList());
                    }
                    while (cursor.next()) {
                        List<String> row = new ArrayList<>(cursor.columns().size());
                        for (int i = 0; i < cursor.columns().size(); i++) {
                            row.add(AthenaShapes.text(cursor.value(i), cursor.columns().get(i).type()));
                        }
                        result.add(row);
                    }
                    columns = cursor.columns();
                    rows = result;
                    updateCount = cursor.updateCount().isPresent() ? cursor.updateCount().getAsLong() : null;
                }
                moveTo("SUCCEEDED");
            } catch (QueryException e) {
                failure = new QueryException(e.code(), e.code().trinoName() + ": " + e.getMessage());
                moveTo("FAILED");
            }
        }

        private void moveTo(String next) {
            stateLock.lock();
            try {
                if (!stopRequested) {
                    state = next;
                }
            } finally {
                stateLock.unlock();
            }
        }

        void stop() {
            stateLock.lock();
            try {
                stopLocked();
            } finally {
                stateLock.unlock();
            }
        }

        private void stopLocked() {
            if (state.equals("QUEUED") || state.equals("RUNNING")) {
                stopRequested = true;
                state = "CANCELLED";
                Thread running = worker;
                if (running != null) {
                    running.interrupt();
                }
                QueryExecution current = execution;
                if (current != null) {
                    current.cancel();
                }
            }
        }
    }

    /** Athena's type names and value text, as its GetQueryResults shows them. */
    static final class AthenaShapes {
        private AthenaShapes() {}

        static void columnInfo(ObjectNode info, Column column) {
            SqlType type = column.type();
            info.put("CatalogName", "hive").put("SchemaName", "").put("TableName", "")
                    .put("Name", column.name()).put("Label", column.name())
                    .put("Type", typeName(type))
                    .put("Precision", switch (type.kind()) {
                        case DECIMAL, TIME, TIMESTAMP, TIME_WITH_TIME_ZONE, TIMESTAMP_WITH_TIME_ZONE -> type.precision();
                        case VARCHAR, CHAR -> type.precision() == SqlType.UNBOUNDED ? Integer.MAX_VALUE : type.precision();
                        default -> 0;
                    })
                    .put("Scale", type.scale())
                    .put("Nullable", "UNKNOWN")
                    .put("CaseSensitive", type.kind() == TypeKind.VARCHAR);
        }

        private static String typeName(SqlType type) {
            return switch (type.kind()) {
                case REAL -> "float";
                default -> type.kind().trinoName();
            };
        }

        /** Trino's (so Athena engine v3's) text for a value. */
        static String text(Object value, SqlType type) {
            if (value == null) {
                return null;
            }
            return switch (type.kind()) {
                case DECIMAL -> ((BigDecimal) value).toPlainString();
                case TIMESTAMP -> timestamp((LocalDateTime) value, type.precision());
                case TIMESTAMP_WITH_TIME_ZONE -> {
                    java.time.OffsetDateTime t = (OffsetDateTime) value;
                    yield timestamp(t.toLocalDateTime(), type.precision()) + " "
                            + (t.getOffset().getTotalSeconds() == 0 ? "UTC" : t.getOffset().getId());
                }
                case VARBINARY -> HexFormat.ofDelimiter(" ").formatHex((byte[]) value);
                case ARRAY -> ((List<?>) value).stream().map(v -> text(v, type.elementType()))
                        .collect(Collectors.joining(", ", "[", "]"));
                case MAP -> ((Map<?, ?>) value).entrySet().stream()
                        .map(e -> text(e.getKey(), type.keyType()) + "=" + text(e.getValue(), type.valueType()))
                        .collect(Collectors.joining(", ", "{", "}"));
                case ROW -> {
                    List<?> fields = (List<?>) value;
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < fields.size(); i++) {
                        SqlType.Field field = type.fields().get(i);
                        parts.add(field.name().orElse("field" + i) + "=" + text(fields.get(i), field.type()));
                    }
                    yield String.join(", ", parts).transform(s -> "{" + s + "}");
                }
                default -> value.toString();
            };
        }

        private static String timestamp(java.time.LocalDateTime value, int precision) {
            String fraction = String.format("%09d", value.getNano()).substring(0, precision);
            return value.toLocalDate() + " " + value.toLocalTime().withNano(0).format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                    + (precision > 0 ? "." + fraction : "");
        }
    }
}

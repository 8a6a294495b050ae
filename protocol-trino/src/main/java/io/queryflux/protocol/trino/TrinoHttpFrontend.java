package io.queryflux.protocol.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.common.uri.UriInfo;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RunningQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The Trino client protocol: {@code POST /v1/statement} submits a query and answers at once
 * with a {@code nextUri}; GETs on that URI page through the result; DELETE cancels. Also
 * {@code DELETE /v1/query/{id}} (cancel by id) and {@code GET /v1/info}, which tools probe.
 *
 * <p>Register it on a listener with {@code routing.register(frontend)} and {@link #close()} it
 * at shutdown to stop the reaper and cancel open queries.
 */
public final class TrinoHttpFrontend implements HttpService, AutoCloseable {
    private static final String STATEMENT_PAGE = "/v1/statement/{phase}/{queryId}/{slug}/{token}";
    private static final Header BASIC_CHALLENGE = HeaderValues.create(HeaderNames.WWW_AUTHENTICATE,
            "Basic realm=\"Trino\"");

    private static final byte[] ACTIVE = "\"ACTIVE\"".getBytes(StandardCharsets.UTF_8);

    private final QueryDispatcher dispatcher;
    private final TrinoHttpConfig config;
    private final TrinoQueries queries;
    private final SecureRandom random = new SecureRandom();
    private final long startedNanos = System.nanoTime();

    public TrinoHttpFrontend(QueryDispatcher dispatcher, TrinoHttpConfig config) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.config = requireNonNull(config, "config is null");
        this.queries = new TrinoQueries(config.clientTimeout());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/statement", this::submit)
                .get(STATEMENT_PAGE, this::page)
                .delete(STATEMENT_PAGE, this::cancelStatement)
                .delete("/v1/query/{queryId}", this::cancelById)
                .get("/v1/info", this::info)
                .get("/v1/info/state", (req, res) -> sendJson(res, ACTIVE));
    }

    private void submit(ServerRequest req, ServerResponse res) {
        Optional<String> user = TrinoHeaders.user(req.headers());
        if (user.isEmpty()) {
            // What an unsecured Trino coordinator answers a request without a user.
            res.header(BASIC_CHALLENGE);
            sendText(res, Status.UNAUTHORIZED_401, "Basic authentication or X-Trino-User must be sent");
            return;
        }
        String sql = req.content().hasEntity() ? req.content().as(String.class) : "";
        if (sql.isBlank()) {
            sendText(res, Status.BAD_REQUEST_400, "SQL statement is empty");
            return;
        }
        ClientSession session;
        try {
            session = TrinoHeaders.session(req.headers(), user.get());
        } catch (IllegalArgumentException e) {
            sendText(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        RunningQuery running = dispatcher.submit(new QueryRequest(sql, session));
        TrinoQuery query = new TrinoQuery(running, slug(), config);
        queries.add(query);
        TrinoQuery.Page page = query.submitted(baseUri(req));
        query.start();
        sendPage(res, page);
    }

    private void page(ServerRequest req, ServerResponse res) throws InterruptedException {
        Optional<TrinoQuery> query = statement(req);
        Optional<Long> token = token(req);
        if (query.isEmpty() || token.isEmpty()) {
            sendText(res, Status.NOT_FOUND_404, "Query not found");
            return;
        }
        Optional<TrinoQuery.Page> page = query.get().page(token.get(), baseUri(req));
        if (page.isEmpty()) {
            sendText(res, Status.NOT_FOUND_404, "Query not found (token " + token.get() + " is not current)");
            return;
        }
        sendPage(res, page.get());
    }

    private void cancelStatement(ServerRequest req, ServerResponse res) {
        Optional<TrinoQuery> query = statement(req);
        if (query.isEmpty() || !queries.cancel(query.get().id())) {
            sendText(res, Status.NOT_FOUND_404, "Query not found");
            return;
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Cancels a query by id, whichever frontend it came from. */
    private void cancelById(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("queryId");
        if (queries.cancel(id)) {
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        Optional<RunningQuery> running = dispatcher.registry().find(id);
        if (running.isEmpty()) {
            sendText(res, Status.NOT_FOUND_404, "Query not found");
            return;
        }
        running.get().cancel(); // its own frontend closes it when the cancel surfaces there
        res.status(Status.NO_CONTENT_204).send();
    }

    private void info(ServerRequest req, ServerResponse res) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = QueryResults.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("nodeVersion");
            json.writeStringField("version", version());
            json.writeEndObject();
            json.writeStringField("environment", config.environment());
            json.writeBooleanField("coordinator", true);
            json.writeBooleanField("starting", false);
            // airlift's Duration format, which Trino clients parse
            json.writeStringField("uptime", String.format(Locale.ROOT, "%.2fs",
                    (System.nanoTime() - startedNanos) / 1e9));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sendJson(res, out.toByteArray());
    }

    private Optional<TrinoQuery> statement(ServerRequest req) {
        var params = req.path().pathParameters();
        String phase = params.get("phase");
        if (!phase.equals("queued") && !phase.equals("executing")) {
            return Optional.empty();
        }
        String slug = params.get("slug");
        return queries.find(params.get("queryId")).filter(q -> q.slug().equals(slug));
    }

    private static Optional<Long> token(ServerRequest req) {
        try {
            return Optional.of(Long.parseLong(req.path().pathParameters().get("token")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Where clients reach us: the configured external address, else what the request's Host header says. */
    private URI baseUri(ServerRequest req) {
        if (config.externalAddress().isPresent()) {
            return config.externalAddress().get();
        }
        UriInfo uri = req.requestedUri();
        return URI.create(uri.scheme() + "://" + uri.authority());
    }

    private String slug() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String version() {
        return "queryflux-" + Optional.ofNullable(TrinoHttpFrontend.class.getPackage().getImplementationVersion())
                .orElse("dev");
    }

    private static void sendPage(ServerResponse res, TrinoQuery.Page page) {
        for (Header header : page.headers()) {
            res.headers().add(header);
        }
        sendJson(res, page.json());
    }

    private static void sendJson(ServerResponse res, byte[] json) {
        res.header(HeaderNames.CONTENT_TYPE, HttpMediaTypes.JSON_UTF_8.text());
        res.send(json);
    }

    private static void sendText(ServerResponse res, Status status, String text) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, HttpMediaTypes.PLAINTEXT_UTF_8.text());
        res.send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Queries this frontend is tracking (open, or finished and kept for a retry of the last page). */
    public int trackedQueries() {
        return queries.size();
    }

    /** Stops the reaper and cancels every open query, freeing their group slots. */
    @Override
    public void close() {
        queries.close();
    }
}

package io.queryflux.server.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RouteExplanation;
import io.queryflux.engine.EngineType;
import io.queryflux.engine.QueryException;
import io.queryflux.sql.Dialect;
import io.queryflux.sql.Translation;
import io.queryflux.sql.TranslationException;
import io.queryflux.sql.TranslationMode;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "Why would it land there?" without running anything: {@code POST /admin/route/explain} gives
 * the routing trace and the translation that would apply; {@code POST /admin/translate} gives a
 * translation between two dialects.
 */
public final class ExplainService implements HttpService {
    private final QueryDispatcher dispatcher;
    private final ObjectMapper json = new ObjectMapper();

    public ExplainService(QueryDispatcher dispatcher) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/route/explain", this::explain).post("/translate", this::translate);
    }

    /** Body: {@code {"sql", "protocol", "user", "headers": {}, "clientTags": [], "catalog", "schema"}}. */
    private void explain(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = body(req, res);
        if (body == null) {
            return;
        }
        Optional<Protocol> protocol = Protocol.fromConfigName(text(body, "protocol").orElse("trinoHttp"));
        if (protocol.isEmpty() || !body.hasNonNull("sql")) {
            badRequest(res, "expected {\"sql\": ..., \"protocol\": one of "
                    + Arrays.stream(Protocol.values()).map(Protocol::configName).toList() + ", \"user\", \"headers\", "
                    + "\"clientTags\", \"catalog\", \"schema\"}");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (body.has("headers")) {
            body.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        }
        Set<String> tags = new HashSet<>();
        if (body.has("clientTags")) {
            body.get("clientTags").forEach(tag -> tags.add(tag.asText()));
        }
        QueryRequest request = new QueryRequest(body.get("sql").asText(), new ClientSession(protocol.get(),
                text(body, "user").orElse("anonymous"), text(body, "source"), text(body, "catalog"),
                text(body, "schema"), headers, tags, Map.of()));
        RouteExplanation explanation = dispatcher.explain(request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("protocol", explanation.protocol().configName());
        out.put("user", explanation.user());
        explanation.handledInProxy().ifPresent(h -> out.put("handledInProxy", h));
        out.put("routers", explanation.routers().stream().map(AdminService::step).toList());
        out.put("group", explanation.group().orElse(null));
        out.put("fallbackUsed", explanation.fallbackUsed());
        explanation.denial().ifPresent(d -> out.put("denial", d));
        out.put("cluster", explanation.cluster().orElse(null));
        out.put("engine", explanation.engineType().orElse(null));
        explanation.clusterReason().ifPresent(r -> out.put("clusterReason", r));
        explanation.admission().ifPresent(a -> out.put("admission", a));
        if (explanation.group().isPresent() && explanation.engineType().isPresent()) {
            EngineType engine = EngineType.fromConfigName(explanation.engineType().get()).orElseThrow();
            try {
                out.put("translation", translation(dispatcher.translation().translate(request.sql(), protocol.get(),
                        explanation.group().get(), engine)));
            } catch (QueryException e) {
                out.put("translation", Map.of("outcome", "FAILED", "error", e.getMessage()));
            }
        }
        send(res, out);
    }

    /** Body: {@code {"sql", "source", "target", "mode"}} with dialect and mode names as in config. */
    private void translate(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = body(req, res);
        if (body == null) {
            return;
        }
        Optional<Dialect> source = text(body, "source").flatMap(Dialect::fromConfigName);
        Optional<Dialect> target = text(body, "target").flatMap(Dialect::fromConfigName);
        Optional<TranslationMode> mode = TranslationMode.fromConfigName(text(body, "mode").orElse("bestEffort"));
        if (!body.hasNonNull("sql") || source.isEmpty() || target.isEmpty() || mode.isEmpty()) {
            badRequest(res, "expected {\"sql\": ..., \"source\" and \"target\": one of "
                    + Arrays.stream(Dialect.values()).map(Dialect::configName).toList()
                    + ", \"mode\": bestEffort or strict}");
            return;
        }
        try {
            send(res, translation(dispatcher.translation().translator().translate(body.get("sql").asText(),
                    source.get(), target.get(), mode.get())));
        } catch (TranslationException e) {
            res.status(Status.create(422, "Unprocessable Entity"));
            send(res, Map.of("outcome", "FAILED", "error", e.getMessage()));
        }
    }

    static Map<String, Object> translation(Translation translation) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("outcome", translation.outcome().name());
        t.put("source", translation.source().configName());
        t.put("target", translation.target().configName());
        t.put("sql", translation.sql());
        translation.reason().ifPresent(r -> t.put("reason", r));
        t.put("elapsedMicros", translation.elapsedNanos() / 1000);
        return t;
    }

    private JsonNode body(ServerRequest req, ServerResponse res) throws IOException {
        try {
            JsonNode body = json.readTree(req.content().as(String.class));
            if (body == null || !body.isObject()) {
                badRequest(res, "the body must be a JSON object");
                return null;
            }
            return body;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            badRequest(res, "the body is not JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static Optional<String> text(JsonNode body, String field) {
        return body.hasNonNull(field) ? Optional.of(body.get(field).asText()) : Optional.empty();
    }

    private void badRequest(ServerResponse res, String message) throws IOException {
        res.status(Status.BAD_REQUEST_400);
        send(res, Map.of("error", message));
    }

    private void send(ServerResponse res, Object body) throws IOException {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }
}

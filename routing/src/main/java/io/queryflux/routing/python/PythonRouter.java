package io.queryflux.routing.python;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.routing.Router;
import io.queryflux.routing.RouterOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Routes by a Python function {@code route(query, ctx)} ({@code type: pythonScript}). It
 * returns a cluster group name, or None to fall through to the next router. {@code ctx} has
 * {@code protocol}, {@code user}, {@code source}, {@code catalog}, {@code schema} (None when
 * unset), {@code headers} (dict, lower-case names), {@code client_tags} (list) and
 * {@code session_properties} (dict). A script that raises, runs past its time limit, returns
 * something else or names no existing group also falls through, with the reason in the trace.
 */
public final class PythonRouter implements Router {
    private final PythonScript script;
    private final Set<String> groups;

    private PythonRouter(PythonScript script, Set<String> groups) {
        this.script = script;
        this.groups = groups;
    }

    /**
     * @param groups the cluster groups that exist; a name outside them falls through
     * @throws ScriptLoadException when the script defines no {@code route} function
     */
    public static PythonRouter create(PythonScript script, Set<String> groups) throws ScriptLoadException {
        requireNonNull(script, "script is null");
        script.requireFunction("route");
        return new PythonRouter(script, Set.copyOf(requireNonNull(groups, "groups is null")));
    }

    @Override
    public String type() {
        return "pythonScript";
    }

    @Override
    public RouterOutcome route(QueryRequest request) {
        ScriptOutcome outcome = script.call("route", request.sql(), GuestValues.namespace(context(request.session())));
        return switch (outcome) {
            case ScriptOutcome.Value value when groups.contains(value.value()) ->
                    RouterOutcome.route(value.value(), "route() returned '" + value.value() + "'");
            case ScriptOutcome.Value value ->
                    RouterOutcome.pass("route() returned '" + value.value() + "', which is not a cluster group");
            case ScriptOutcome.None none -> RouterOutcome.pass("route() returned None");
            case ScriptOutcome.Failed failed -> RouterOutcome.pass(failed.reason());
        };
    }

    static Map<String, Object> context(ClientSession session) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("protocol", session.protocol().configName());
        context.put("user", session.user());
        context.put("source", session.source().orElse(null));
        context.put("catalog", session.catalog().orElse(null));
        context.put("schema", session.schema().orElse(null));
        context.put("headers", session.headers());
        context.put("client_tags", session.clientTags().stream().sorted().toList());
        context.put("session_properties", session.sessionProperties());
        return context;
    }

    /** A script may name any group, so config cannot check its targets ahead of time. */
    @Override
    public Set<String> targetGroups() {
        return Set.of();
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("script", script.name());
    }
}

package io.queryflux.routing.python;

import static java.util.Objects.requireNonNull;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.cluster.SelectionStrategy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks a cluster with a Python function {@code select_cluster(candidates, ctx)}
 * ({@code strategy.type: pythonScript}). {@code candidates} are the group's eligible members,
 * each with {@code name}, {@code engine}, {@code running}, {@code max_running} (None when
 * uncapped) and {@code health}; {@code ctx} has {@code group}. It returns a candidate's name.
 * When it returns None, another name, raises or runs past its time limit, the group falls back
 * to round-robin over the same candidates, so a broken script never stops queries.
 */
public final class PythonStrategy implements SelectionStrategy {
    private final PythonScript script;
    private final String group;
    private final RoundRobinStrategy fallback = new RoundRobinStrategy();

    private PythonStrategy(PythonScript script, String group) {
        this.script = script;
        this.group = group;
    }

    /** @throws ScriptLoadException when the script defines no {@code select_cluster} function */
    public static PythonStrategy create(PythonScript script, String group) throws ScriptLoadException {
        requireNonNull(script, "script is null");
        script.requireFunction("select_cluster");
        return new PythonStrategy(script, requireNonNull(group, "group is null"));
    }

    @Override
    public String type() {
        return "pythonScript";
    }

    @Override
    public Optional<Cluster> select(List<Cluster> candidates) {
        return ask(candidates).or(() -> fallback.select(candidates));
    }

    @Override
    public Optional<Cluster> peek(List<Cluster> candidates) {
        return ask(candidates).or(() -> fallback.peek(candidates));
    }

    private Optional<Cluster> ask(List<Cluster> candidates) {
        List<Object> described = candidates.stream().map(c -> (Object) GuestValues.namespace(describe(c))).toList();
        Optional<String> name = script.call("select_cluster", GuestValues.list(described),
                GuestValues.namespace(Map.of("group", group))).returned();
        return name.flatMap(n -> candidates.stream().filter(c -> c.name().equals(n)).findFirst());
    }

    private static Map<String, Object> describe(Cluster cluster) {
        Map<String, Object> candidate = new HashMap<>();
        candidate.put("name", cluster.name());
        candidate.put("engine", cluster.engine().type().configName());
        candidate.put("running", cluster.runningQueries());
        candidate.put("max_running", cluster.maxRunningQueries() == Integer.MAX_VALUE ? null : cluster.maxRunningQueries());
        candidate.put("health", cluster.health().state().name().toLowerCase(java.util.Locale.ROOT));
        return candidate;
    }
}

package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.queryflux.auth.AuthProvider;
import io.queryflux.auth.NoAuthProvider;
import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.cluster.CircuitBreaker;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.Overflow;
import io.queryflux.dispatch.TranslationPolicy;
import io.queryflux.engine.EngineType;
import io.queryflux.routing.Router;
import io.queryflux.routing.RouterChain;
import io.queryflux.routing.python.PythonScript;
import io.queryflux.routing.python.PythonStrategy;
import io.queryflux.routing.python.ScriptLoadException;
import io.queryflux.routing.python.ScriptObserver;
import io.queryflux.sql.Dialect;
import io.queryflux.sql.TranslationMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates a QueryFlux YAML config (QueryFlux's camelCase schema). Unlike QueryFlux
 * it refuses, with the file, key path and reason: unknown keys, wrong types, references to
 * groups or clusters that do not exist, and a missing {@code routingFallback}.
 */
public final class ConfigLoader {
    public static final String DEFAULT_CONFIG_RESOURCE = "/io/queryflux/server/default-queryflux.yaml";
    private static final List<String> TRANSLATION_MODES = Arrays.stream(TranslationMode.values())
            .map(TranslationMode::configName).toList();
    private static final Set<String> CLUSTER_COMMON_KEYS = Set.of("engine", "enabled", "maxRunningQueries",
            "circuitBreaker");

    private final Map<EngineType, Set<String>> engineSettingKeys;
    private final Function<String, String> env;
    private final ScriptObserver scriptObserver;

    /**
     * @param engineSettingKeys the engine-specific keys each available engine accepts
     * @param env environment lookup for {@code ${VAR}} interpolation
     * @param scriptObserver hears about failures of the Python scripts the config loads
     */
    public ConfigLoader(Map<EngineType, Set<String>> engineSettingKeys, Function<String, String> env,
            ScriptObserver scriptObserver) {
        this.engineSettingKeys = Map.copyOf(requireNonNull(engineSettingKeys, "engineSettingKeys is null"));
        this.env = requireNonNull(env, "env is null");
        this.scriptObserver = requireNonNull(scriptObserver, "scriptObserver is null");
    }

    public ServerConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot read file: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** The built-in config: one in-memory DuckDB group, Trino HTTP on 8080, admin on 9000. */
    public ServerConfig loadDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_CONFIG_RESOURCE)) {
            return parse("built-in default config", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServerConfig parse(String source, String yaml) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, "", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ConfigException(source, "", "the file is empty");
        }
        EnvInterpolation.apply(source, "", tree, env);
        ConfigNode root = new ConfigNode(source, "", tree);
        root.allowOnly(Set.of("queryflux", "clusters", "clusterGroups", "routers", "routingFallback", "translation",
                "auth", "authorization"));

        ConfigNode queryflux = root.get("queryflux")
                .allowOnly(Set.of("externalAddress", "frontends", "adminApi", "persistence"));
        Frontends frontends = FrontendsReader.read(queryflux.get("frontends"), queryflux.optString("externalAddress"),
                queryflux.get("externalAddress"));
        int adminPort = queryflux.get("adminApi").allowOnly(Set.of("port")).port("port", 9000);
        persistence(queryflux.get("persistence"));
        TranslationConfig translation = translation(root.get("translation"));
        none(root.get("authorization"), "authorization");

        List<PythonScript> scripts = new ArrayList<>();
        try {
            return parseSections(source, root, queryflux, frontends, adminPort, translation,
                    new ScriptReader(scriptObserver, scripts), scripts);
        } catch (RuntimeException e) {
            scripts.forEach(PythonScript::close);
            throw e;
        }
    }

    private ServerConfig parseSections(String source, ConfigNode root, ConfigNode queryflux, Frontends frontends, int adminPort,
            TranslationConfig translation, ScriptReader scriptReader, List<PythonScript> scripts) {
        Map<String, ClusterConfig> clusters = clusters(root.require("clusters"));
        Map<String, GroupConfig> groups = groups(root.require("clusterGroups"), clusters, scriptReader);
        List<Router> routers = RouterReader.read(root.get("routers"), groups.keySet(), scriptReader);
        for (int i = 0; i < routers.size(); i++) {
            for (String target : routers.get(i).targetGroups()) {
                if (!groups.containsKey(target)) {
                    throw new ConfigException(source, "routers[" + i + "]",
                            "routes to cluster group '" + target + "', which is not defined in clusterGroups");
                }
            }
        }
        String fallback = root.string("routingFallback");
        if (!groups.containsKey(fallback)) {
            throw root.get("routingFallback").error("names cluster group '" + fallback
                    + "', which is not defined in clusterGroups (defined: " + String.join(", ", groups.keySet()) + ")");
        }
        return new ServerConfig(source, queryflux.optString("externalAddress"), frontends, adminPort, clusters, groups,
                new RouterChain(routers, fallback), translation, auth(root.get("auth")), scripts);
    }

    private static void persistence(ConfigNode node) {
        node.allowOnly(Set.of("type"));
        String type = node.optString("type").orElse("inMemory");
        if (!type.equals("inMemory")) {
            throw node.get("type").error("'" + type + "' is not supported yet; the only persistence type is inMemory");
        }
    }

    private static void none(ConfigNode node, String section) {
        node.allowOnly(Set.of("provider"));
        String provider = node.optString("provider").orElse("none");
        if (!provider.equals("none")) {
            throw node.get("provider").error("'" + provider + "' is not supported yet; the only " + section
                    + " provider is none");
        }
    }

    private Map<String, ClusterConfig> clusters(ConfigNode node) {
        Map<String, ClusterConfig> clusters = new LinkedHashMap<>();
        List<String> engineNames = Arrays.stream(EngineType.values())
                .filter(engineSettingKeys::containsKey)
                .map(EngineType::configName)
                .toList();
        node.entries().forEach((name, cluster) -> {
            EngineType engine = cluster.oneOf("engine",
                    n -> EngineType.fromConfigName(n).filter(engineSettingKeys::containsKey), engineNames);
            Set<String> allowed = new HashSet<>(CLUSTER_COMMON_KEYS);
            allowed.addAll(topLevelKeys(engineSettingKeys.get(engine)));
            cluster.allowOnly(allowed);
            Map<String, String> settings = cluster.flatten(CLUSTER_COMMON_KEYS);
            for (String key : settings.keySet()) {
                if (!engineSettingKeys.get(engine).contains(key)) {
                    throw cluster.errorAt(key, "unknown key for engine " + engine.configName() + " (expected one of: "
                            + String.join(", ", new java.util.TreeSet<>(engineSettingKeys.get(engine))) + ")");
                }
            }
            clusters.put(name, new ClusterConfig(name, engine, cluster.bool("enabled", true),
                    cluster.integer("maxRunningQueries", Integer.MAX_VALUE, 1), settings,
                    circuitBreaker(cluster.get("circuitBreaker"))));
        });
        if (clusters.isEmpty()) {
            throw node.error("must define at least one cluster");
        }
        return clusters;
    }

    private static Optional<CircuitBreaker.Settings> circuitBreaker(ConfigNode node) {
        node.allowOnly(Set.of("enabled", "windowSize", "minimumCalls", "failureRateThreshold", "openDurationSecs",
                "maxOpenDurationSecs"));
        if (!node.isPresent() || !node.bool("enabled", true)) {
            return Optional.empty();
        }
        int windowSize = node.integer("windowSize", 20, 1);
        int minimumCalls = node.integer("minimumCalls", Math.min(10, windowSize), 1);
        if (minimumCalls > windowSize) {
            throw node.get("minimumCalls").error("must not exceed windowSize (" + windowSize + ")");
        }
        double rate = node.decimal("failureRateThreshold", 0.5);
        if (!(rate > 0 && rate <= 1)) {
            throw node.get("failureRateThreshold").error("must be above 0 and at most 1, not " + rate);
        }
        int open = node.integer("openDurationSecs", 30, 1);
        int maxOpen = node.integer("maxOpenDurationSecs", Math.max(300, open), 1);
        if (maxOpen < open) {
            throw node.get("maxOpenDurationSecs").error("must be at least openDurationSecs (" + open + ")");
        }
        return Optional.of(new CircuitBreaker.Settings(windowSize, minimumCalls, rate, Duration.ofSeconds(open),
                Duration.ofSeconds(maxOpen)));
    }

    private static Set<String> topLevelKeys(Set<String> flattened) {
        Set<String> keys = new HashSet<>();
        flattened.forEach(k -> keys.add(k.contains(".") ? k.substring(0, k.indexOf('.')) : k));
        return keys;
    }

    private static Map<String, GroupConfig> groups(ConfigNode node, Map<String, ClusterConfig> clusters,
            ScriptReader scripts) {
        Map<String, GroupConfig> groups = new LinkedHashMap<>();
        node.entries().forEach((name, group) -> {
            group.allowOnly(Set.of("enabled", "members", "strategy", "maxRunningQueries", "maxQueuedQueries",
                    "capacityWaitTimeoutSecs", "overflowGroup", "overflowAfterSecs", "translation"));
            List<String> members = group.stringList("members");
            if (members.isEmpty()) {
                throw group.get("members").error("must list at least one cluster");
            }
            for (int i = 0; i < members.size(); i++) {
                if (!clusters.containsKey(members.get(i))) {
                    throw group.get("members").items().get(i).error("names cluster '" + members.get(i)
                            + "', which is not defined in clusters (defined: " + String.join(", ", clusters.keySet())
                            + ")");
                }
            }
            GroupLimits limits = new GroupLimits(
                    group.integer("maxRunningQueries", 100, 1),
                    group.integer("maxQueuedQueries", 1000, 0),
                    Duration.ofSeconds(group.integer("capacityWaitTimeoutSecs", 300, 0)));
            Optional<Overflow> overflow = group.optString("overflowGroup").map(target -> new Overflow(target,
                    group.get("overflowAfterSecs").isPresent()
                            ? Optional.of(Duration.ofSeconds(group.integer("overflowAfterSecs", 0, 0)))
                            : Optional.empty()));
            if (overflow.isEmpty() && group.get("overflowAfterSecs").isPresent()) {
                throw group.get("overflowAfterSecs").error("needs overflowGroup");
            }
            ConfigNode translation = group.get("translation").allowOnly(Set.of("mode"));
            Optional<TranslationMode> mode = translation.isPresent()
                    ? Optional.of(translation.oneOf("mode", TranslationMode::fromConfigName, TRANSLATION_MODES))
                    : Optional.empty();
            groups.put(name, new GroupConfig(name, group.bool("enabled", true), members,
                    strategy(name, group.get("strategy"), members, scripts), limits, overflow, mode));
        });
        if (groups.isEmpty()) {
            throw node.error("must define at least one cluster group");
        }
        groups.forEach((name, group) -> group.overflow().ifPresent(overflow -> {
            if (!groups.containsKey(overflow.group())) {
                throw node.get(name).get("overflowGroup").error("names cluster group '" + overflow.group()
                        + "', which is not defined in clusterGroups");
            }
            if (overflow.group().equals(name)) {
                throw node.get(name).get("overflowGroup").error("a group cannot overflow into itself");
            }
        }));
        return groups;
    }

    private static StrategyConfig strategy(String group, ConfigNode node, List<String> members, ScriptReader scripts) {
        if (!node.isPresent()) {
            return StrategyConfig.roundRobin();
        }
        Set<String> keys = new HashSet<>(Set.of("type", "weights", "preference"));
        keys.addAll(ScriptReader.KEYS);
        node.allowOnly(keys);
        String type = node.oneOf("type",
                t -> StrategyConfig.TYPES.contains(t) ? Optional.of(t) : Optional.empty(), StrategyConfig.TYPES);
        Map<String, Integer> weights = new LinkedHashMap<>();
        List<EngineType> preference = new java.util.ArrayList<>();
        if (type.equals("weighted")) {
            ConfigNode weightsNode = node.require("weights");
            for (String member : members) {
                weights.put(member, weightsNode.integer(member, 1, 1));
            }
            for (String named : weightsNode.entries().keySet()) {
                if (!members.contains(named)) {
                    throw weightsNode.get(named).error("'" + named + "' is not a member of this group");
                }
            }
        } else if (node.get("weights").isPresent()) {
            throw node.get("weights").error("is only read by strategy weighted");
        }
        if (type.equals("engineAffinity")) {
            List<String> engineNames = Arrays.stream(EngineType.values()).map(EngineType::configName).toList();
            for (ConfigNode engine : node.require("preference").items()) {
                String name = engine.asString();
                preference.add(EngineType.fromConfigName(name).orElseThrow(() -> engine.error(
                        "unknown engine '" + name + "' (expected one of: " + String.join(", ", engineNames) + ")")));
            }
            if (preference.isEmpty()) {
                throw node.get("preference").error("must list at least one engine");
            }
        } else if (node.get("preference").isPresent()) {
            throw node.get("preference").error("is only read by strategy engineAffinity");
        }
        Optional<PythonStrategy> python = Optional.empty();
        if (type.equals("pythonScript")) {
            try {
                python = Optional.of(PythonStrategy.create(scripts.read(node), group));
            } catch (ScriptLoadException e) {
                throw scripts.error(node, e);
            }
        } else {
            for (String key : ScriptReader.KEYS) {
                if (node.get(key).isPresent()) {
                    throw node.get(key).error("is only read by strategy pythonScript");
                }
            }
        }
        return new StrategyConfig(type, weights, preference, python);
    }

    private static TranslationConfig translation(ConfigNode node) {
        node.allowOnly(Set.of("mode", "errorOnUnsupported", "cacheSize", "flightSqlDialect"));
        TranslationMode mode = node.get("mode").isPresent()
                ? node.oneOf("mode", TranslationMode::fromConfigName, TRANSLATION_MODES)
                : TranslationMode.BEST_EFFORT;
        // QueryFlux's own switch; kept so its configs work.
        if (node.get("errorOnUnsupported").isPresent()) {
            if (node.get("mode").isPresent()) {
                throw node.get("errorOnUnsupported").error("give either mode or errorOnUnsupported, not both");
            }
            mode = node.bool("errorOnUnsupported", false) ? TranslationMode.STRICT : TranslationMode.BEST_EFFORT;
        }
        Dialect flightDialect = node.get("flightSqlDialect").isPresent()
                ? node.oneOf("flightSqlDialect", Dialect::fromConfigName,
                        Arrays.stream(Dialect.values()).map(Dialect::configName).toList())
                : Dialect.TRINO;
        return new TranslationConfig(mode, node.integer("cacheSize", TranslationPolicy.DEFAULT_CACHE_SIZE, 0),
                flightDialect);
    }

    private static AuthProvider auth(ConfigNode node) {
        node.allowOnly(Set.of("provider", "required", "users"));
        String provider = node.optString("provider").orElse("none");
        return switch (provider) {
            case "none" -> {
                if (node.get("users").isPresent()) {
                    throw node.get("users").error("users are only read with provider static");
                }
                yield new NoAuthProvider();
            }
            case "static" -> {
                Map<String, StaticAuthProvider.User> users = new LinkedHashMap<>();
                node.require("users").entries().forEach((user, entry) -> {
                    entry.allowOnly(Set.of("password", "groups"));
                    users.put(user, new StaticAuthProvider.User(entry.string("password"),
                            Set.copyOf(entry.stringList("groups"))));
                });
                if (users.isEmpty()) {
                    throw node.get("users").error("must define at least one user");
                }
                yield new StaticAuthProvider(users);
            }
            default -> throw node.get("provider").error("'" + provider
                    + "' is not supported yet (expected one of: none, static)");
        };
    }
}

package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A node of the parsed YAML that knows where it is, so every read can fail with the file, the
 * key path and the reason. Readers state the keys they accept; anything else is an error.
 */
final class ConfigNode {
    private final String source;
    private final String path;
    private final JsonNode node;

    ConfigNode(String source, String path, JsonNode node) {
        this.source = requireNonNull(source, "source is null");
        this.path = requireNonNull(path, "path is null");
        this.node = node;
    }

    String path() {
        return path;
    }

    boolean isPresent() {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    ConfigException error(String reason) {
        return new ConfigException(source, path, reason);
    }

    /** An error about a (possibly nested, dotted) key below this node. */
    ConfigException errorAt(String relativeKey, String reason) {
        return new ConfigException(source, childPath(relativeKey), reason);
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A child that may be absent. */
    ConfigNode get(String key) {
        requireObject();
        return new ConfigNode(source, childPath(key), node == null ? null : node.get(key));
    }

    /** A child that must be present. */
    ConfigNode require(String key) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            throw child.error("is required");
        }
        return child;
    }

    /** Fails on any key not in {@code allowed}; absent nodes have no keys. */
    ConfigNode allowOnly(Set<String> allowed) {
        requireObject();
        if (node != null) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new ConfigException(source, childPath(name),
                            "unknown key (expected one of: " + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }
        return this;
    }

    private void requireObject() {
        if (isPresent() && !node.isObject()) {
            throw error("must be a mapping, not " + describe(node));
        }
    }

    String asString() {
        if (!isPresent() || node.isContainerNode()) {
            throw error("must be a string" + (isPresent() ? ", not " + describe(node) : ""));
        }
        return node.asText();
    }

    String string(String key) {
        return require(key).asString();
    }

    Optional<String> optString(String key) {
        ConfigNode child = get(key);
        return child.isPresent() ? Optional.of(child.asString()) : Optional.empty();
    }

    int integer(String key, int defaultValue, int min) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            return defaultValue;
        }
        if (!child.node.canConvertToInt() || !child.node.isIntegralNumber()) {
            throw child.error("must be a whole number, not " + describe(child.node));
        }
        int value = child.node.intValue();
        if (value < min) {
            throw child.error("must be at least " + min + ", not " + value);
        }
        return value;
    }

    int port(String key, int defaultValue) {
        int port = integer(key, defaultValue, 0);
        if (port > 65_535) {
            throw get(key).error("must be a TCP port (0-65535; 0 picks a free one), not " + port);
        }
        return port;
    }

    long longValue(String key, long defaultValue, long min) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            return defaultValue;
        }
        if (!child.node.isIntegralNumber() || !child.node.canConvertToLong()) {
            throw child.error("must be a whole number, not " + describe(child.node));
        }
        long value = child.node.longValue();
        if (value < min) {
            throw child.error("must be at least " + min + ", not " + value);
        }
        return value;
    }

    double decimal(String key, double defaultValue) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            return defaultValue;
        }
        if (!child.node.isNumber()) {
            throw child.error("must be a number, not " + describe(child.node));
        }
        return child.node.doubleValue();
    }

    boolean bool(String key, boolean defaultValue) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            return defaultValue;
        }
        if (!child.node.isBoolean()) {
            throw child.error("must be true or false, not " + describe(child.node));
        }
        return child.node.booleanValue();
    }

    /** The entries of a mapping, in file order; empty when absent. */
    Map<String, ConfigNode> entries() {
        requireObject();
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (isPresent()) {
            node.fields().forEachRemaining(e -> entries.put(e.getKey(),
                    new ConfigNode(source, childPath(e.getKey()), e.getValue())));
        }
        return entries;
    }

    /** A mapping of strings to strings, e.g. {@code headerValueToGroup}. */
    Map<String, String> stringMap() {
        Map<String, String> result = new LinkedHashMap<>();
        entries().forEach((key, value) -> result.put(key, value.asString()));
        return result;
    }

    /** The items of a sequence; empty when absent. */
    List<ConfigNode> items() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("must be a list, not " + describe(node));
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(source, path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    List<String> stringList(String key) {
        return get(key).items().stream().map(ConfigNode::asString).toList();
    }

    /** Reads a string naming one of a fixed set of values. */
    <T> T oneOf(String key, Function<String, Optional<T>> parse, List<String> names) {
        String value = string(key);
        return parse.apply(value).orElseThrow(() -> get(key).error(
                "unknown value '" + value + "' (expected one of: " + String.join(", ", names) + ")"));
    }

    /** Flattens nested mappings to dotted keys with string values, e.g. {@code auth.username}. */
    Map<String, String> flatten(Set<String> skip) {
        Map<String, String> flat = new LinkedHashMap<>();
        entries().forEach((key, value) -> {
            if (skip.contains(key)) {
                return;
            }
            if (value.isPresent() && value.node.isObject()) {
                value.flatten(Set.of()).forEach((k, v) -> flat.put(key + "." + k, v));
            } else if (value.isPresent()) {
                flat.put(key, value.asString());
            }
        });
        return flat;
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            case STRING -> "'" + node.asText() + "'";
            default -> node.toString();
        };
    }
}

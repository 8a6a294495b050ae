package io.queryflux.server.config;

import io.queryflux.dispatch.Protocol;
import io.queryflux.routing.CompoundRouter;
import io.queryflux.routing.Condition;
import io.queryflux.routing.HeaderRouter;
import io.queryflux.routing.ProtocolRouter;
import io.queryflux.routing.QueryRegexRouter;
import io.queryflux.routing.Router;
import io.queryflux.routing.TagsRouter;
import io.queryflux.routing.UserGroupRouter;
import io.queryflux.routing.python.PythonRouter;
import io.queryflux.routing.python.ScriptLoadException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code routers} list into router instances. */
final class RouterReader {
    private static final List<String> TYPES = List.of("protocolBased", "header", "userGroup", "queryRegex", "tags",
            "compound", "pythonScript");
    private static final List<String> PROTOCOLS = Arrays.stream(Protocol.values()).map(Protocol::configName).toList();

    private RouterReader() {}

    static List<Router> read(ConfigNode routers, Set<String> groups, ScriptReader scripts) {
        List<Router> result = new ArrayList<>();
        for (ConfigNode router : routers.items()) {
            String type = router.oneOf("type", t -> TYPES.contains(t) ? Optional.of(t) : Optional.empty(), TYPES);
            result.add(switch (type) {
                case "protocolBased" -> protocolBased(router);
                case "header" -> header(router);
                case "userGroup" -> userGroup(router);
                case "queryRegex" -> queryRegex(router);
                case "tags" -> tags(router);
                case "compound" -> compound(router);
                case "pythonScript" -> python(router, groups, scripts);
                default -> throw new IllegalStateException(type);
            });
        }
        return result;
    }

    private static Router python(ConfigNode router, Set<String> groups, ScriptReader scripts) {
        Set<String> keys = new java.util.HashSet<>(ScriptReader.KEYS);
        keys.add("type");
        router.allowOnly(keys);
        try {
            return PythonRouter.create(scripts.read(router), groups);
        } catch (ScriptLoadException e) {
            throw scripts.error(router, e);
        }
    }

    private static Router protocolBased(ConfigNode router) {
        Set<String> keys = new java.util.HashSet<>(PROTOCOLS);
        keys.add("type");
        router.allowOnly(keys);
        Map<Protocol, String> groups = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            router.optString(protocol.configName()).ifPresent(group -> groups.put(protocol, group));
        }
        if (groups.isEmpty()) {
            throw router.error("a protocolBased router needs at least one of " + String.join(", ", PROTOCOLS));
        }
        return new ProtocolRouter(groups);
    }

    private static Router header(ConfigNode router) {
        router.allowOnly(Set.of("type", "headerName", "headerValueToGroup"));
        Map<String, String> valueToGroup = router.require("headerValueToGroup").stringMap();
        if (valueToGroup.isEmpty()) {
            throw router.get("headerValueToGroup").error("must map at least one header value to a group");
        }
        return new HeaderRouter(router.string("headerName"), valueToGroup);
    }

    private static Router userGroup(ConfigNode router) {
        router.allowOnly(Set.of("type", "userToGroup"));
        Map<String, String> userToGroup = router.require("userToGroup").stringMap();
        if (userToGroup.isEmpty()) {
            throw router.get("userToGroup").error("must map at least one user to a group");
        }
        return new UserGroupRouter(userToGroup);
    }

    private static Router queryRegex(ConfigNode router) {
        router.allowOnly(Set.of("type", "rules"));
        List<QueryRegexRouter.Rule> rules = new ArrayList<>();
        for (ConfigNode rule : router.require("rules").items()) {
            rule.allowOnly(Set.of("regex", "targetGroup", "action", "message"));
            String action = rule.optString("action").orElse("route");
            QueryRegexRouter.Action parsed = switch (action) {
                case "route" -> QueryRegexRouter.Action.ROUTE;
                case "deny" -> QueryRegexRouter.Action.DENY;
                default -> throw rule.get("action").error("unknown value '" + action + "' (expected one of: route, deny)");
            };
            Optional<String> target = rule.optString("targetGroup");
            if (parsed == QueryRegexRouter.Action.ROUTE && target.isEmpty()) {
                throw rule.get("targetGroup").error("is required for action route");
            }
            rules.add(new QueryRegexRouter.Rule(regex(rule.require("regex")), parsed, target, rule.optString("message")));
        }
        if (rules.isEmpty()) {
            throw router.get("rules").error("must have at least one rule");
        }
        return new QueryRegexRouter(rules);
    }

    private static Router tags(ConfigNode router) {
        router.allowOnly(Set.of("type", "rules"));
        List<TagsRouter.Rule> rules = new ArrayList<>();
        for (ConfigNode rule : router.require("rules").items()) {
            rule.allowOnly(Set.of("tags", "targetGroup"));
            Map<String, Optional<String>> wanted = new LinkedHashMap<>();
            rule.require("tags").entries().forEach((key, value) ->
                    wanted.put(key, value.isPresent() ? Optional.of(value.asString()) : Optional.empty()));
            if (wanted.isEmpty()) {
                throw rule.get("tags").error("must name at least one tag");
            }
            rules.add(new TagsRouter.Rule(wanted, rule.string("targetGroup")));
        }
        if (rules.isEmpty()) {
            throw router.get("rules").error("must have at least one rule");
        }
        return new TagsRouter(rules);
    }

    private static Router compound(ConfigNode router) {
        router.allowOnly(Set.of("type", "combine", "conditions", "targetGroup"));
        String combine = router.optString("combine").orElse("all");
        CompoundRouter.Combine parsed = switch (combine) {
            case "all" -> CompoundRouter.Combine.ALL;
            case "any" -> CompoundRouter.Combine.ANY;
            default -> throw router.get("combine").error("unknown value '" + combine + "' (expected one of: all, any)");
        };
        List<Condition> conditions = new ArrayList<>();
        for (ConfigNode condition : router.require("conditions").items()) {
            conditions.add(condition(condition));
        }
        if (conditions.isEmpty()) {
            throw router.get("conditions").error("must have at least one condition");
        }
        return new CompoundRouter(parsed, conditions, router.string("targetGroup"));
    }

    private static Condition condition(ConfigNode condition) {
        List<String> types = List.of("protocol", "header", "user", "clientTag", "queryRegex");
        String type = condition.oneOf("type", t -> types.contains(t) ? Optional.of(t) : Optional.empty(), types);
        return switch (type) {
            case "protocol" -> {
                condition.allowOnly(Set.of("type", "protocol"));
                yield new Condition.ProtocolIs(condition.oneOf("protocol", Protocol::fromConfigName, PROTOCOLS));
            }
            case "header" -> {
                condition.allowOnly(Set.of("type", "headerName", "headerValue"));
                yield new Condition.HeaderEquals(condition.string("headerName"), condition.string("headerValue"));
            }
            case "user" -> {
                condition.allowOnly(Set.of("type", "user"));
                yield new Condition.UserIs(condition.string("user"));
            }
            case "clientTag" -> {
                condition.allowOnly(Set.of("type", "tag", "value"));
                yield new Condition.ClientTag(condition.string("tag"), condition.optString("value"));
            }
            case "queryRegex" -> {
                condition.allowOnly(Set.of("type", "regex"));
                yield new Condition.QueryMatches(regex(condition.require("regex")));
            }
            default -> throw new IllegalStateException(type);
        };
    }

    private static Pattern regex(ConfigNode node) {
        try {
            return Pattern.compile(node.asString());
        } catch (PatternSyntaxException e) {
            throw node.error("invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }
}

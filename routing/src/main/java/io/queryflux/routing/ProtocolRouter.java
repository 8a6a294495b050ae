package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Routes by the frontend protocol the client used ({@code type: protocolBased}). */
public final class ProtocolRouter implements Router {
    private final Map<Protocol, String> groups;

    public ProtocolRouter(Map<Protocol, String> groups) {
        this.groups = Map.copyOf(requireNonNull(groups, "groups is null"));
    }

    @Override
    public String type() {
        return "protocolBased";
    }

    @Override
    public RouterOutcome route(QueryRequest request) {
        Protocol protocol = request.session().protocol();
        String group = groups.get(protocol);
        return group == null
                ? RouterOutcome.pass("no group for protocol " + protocol.configName())
                : RouterOutcome.route(group, "protocol is " + protocol.configName());
    }

    @Override
    public Set<String> targetGroups() {
        return new HashSet<>(groups.values());
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        groups.forEach((protocol, group) -> description.put(protocol.configName(), group));
        return description;
    }
}

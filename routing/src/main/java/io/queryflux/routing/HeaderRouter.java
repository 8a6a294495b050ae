package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.QueryRequest;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Routes by the value of one request header ({@code type: header}). */
public final class HeaderRouter implements Router {
    private final String headerName;
    private final Map<String, String> valueToGroup;

    public HeaderRouter(String headerName, Map<String, String> valueToGroup) {
        this.headerName = requireNonNull(headerName, "headerName is null");
        this.valueToGroup = Map.copyOf(requireNonNull(valueToGroup, "valueToGroup is null"));
    }

    @Override
    public String type() {
        return "header";
    }

    @Override
    public RouterOutcome route(QueryRequest request) {
        Optional<String> value = request.session().header(headerName);
        if (value.isEmpty()) {
            return RouterOutcome.pass("header " + headerName + " absent");
        }
        String group = valueToGroup.get(value.get());
        return group == null
                ? RouterOutcome.pass("header " + headerName + "='" + value.get() + "' maps to no group")
                : RouterOutcome.route(group, "header " + headerName + "='" + value.get() + "'");
    }

    @Override
    public Set<String> targetGroups() {
        return new HashSet<>(valueToGroup.values());
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("headerName", headerName, "headerValueToGroup", valueToGroup);
    }
}

package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.QueryRequest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Routes by user name ({@code type: userGroup}, {@code userToGroup: {alice: etl}}). */
public final class UserGroupRouter implements Router {
    private final Map<String, String> userToGroup;

    public UserGroupRouter(Map<String, String> userToGroup) {
        this.userToGroup = Map.copyOf(requireNonNull(userToGroup, "userToGroup is null"));
    }

    @Override
    public String type() {
        return "userGroup";
    }

    @Override
    public RouterOutcome route(QueryRequest request) {
        String user = request.session().user();
        String group = userToGroup.get(user);
        return group == null
                ? RouterOutcome.pass("user '" + user + "' maps to no group")
                : RouterOutcome.route(group, "user is '" + user + "'");
    }

    @Override
    public Set<String> targetGroups() {
        return new HashSet<>(userToGroup.values());
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("userToGroup", userToGroup);
    }
}

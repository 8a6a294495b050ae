package io.queryflux.auth;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** An authenticated user and the groups the provider says they belong to. */
public record Identity(String user, Set<String> groups) {
    public Identity {
        requireNonNull(user, "user is null");
        groups = Set.copyOf(requireNonNull(groups, "groups is null"));
    }
}

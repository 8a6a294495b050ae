package io.queryflux.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code provider: static}: users, passwords and groups listed in the config. */
public final class StaticAuthProvider implements AuthProvider {
    /** One configured user. */
    public record User(String password, Set<String> groups) {
        public User {
            requireNonNull(password, "password is null");
            groups = Set.copyOf(requireNonNull(groups, "groups is null"));
        }
    }

    private final Map<String, User> users;

    public StaticAuthProvider(Map<String, User> users) {
        this.users = Map.copyOf(requireNonNull(users, "users is null"));
    }

    @Override
    public String name() {
        return "static";
    }

    @Override
    public boolean trustsDeclaredUser() {
        return false;
    }

    @Override
    public Optional<Identity> verifyPassword(String user, String password) {
        User known = users.get(user);
        if (known == null || password == null) {
            return Optional.empty();
        }
        // Constant-time, so response timing does not reveal how much of a guess was right.
        boolean matches = MessageDigest.isEqual(
                known.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        return matches ? Optional.of(identityOf(user)) : Optional.empty();
    }

    @Override
    public Optional<String> secretFor(String user) {
        return Optional.ofNullable(users.get(user)).map(User::password);
    }

    @Override
    public Identity identityOf(String user) {
        return new Identity(user, Optional.ofNullable(users.get(user)).map(User::groups).orElse(Set.of()));
    }
}

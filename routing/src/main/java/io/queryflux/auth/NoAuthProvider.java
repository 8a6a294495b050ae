package io.queryflux.auth;

import java.util.Optional;
import java.util.Set;

/** {@code provider: none}: every declared user is accepted without a password. */
public final class NoAuthProvider implements AuthProvider {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public boolean trustsDeclaredUser() {
        return true;
    }

    @Override
    public Optional<Identity> verifyPassword(String user, String password) {
        return Optional.of(identityOf(user));
    }

    @Override
    public Optional<String> secretFor(String user) {
        return Optional.empty();
    }

    @Override
    public Identity identityOf(String user) {
        return new Identity(user, Set.of());
    }
}

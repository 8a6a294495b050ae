package io.queryflux.protocol.flight;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.SessionChange;
import java.time.Duration;
import java.util.Optional;

/**
 * Session state ({@code USE}, {@code SET SESSION}) that outlives one call. Flight calls are
 * stateless, so the state is kept per bearer token: each connection of the JDBC driver or ADBC
 * authenticates once and gets its own token. Entries expire with the tokens; calls without a
 * token (anonymous) keep no state.
 */
final class SessionStore {
    private final Cache<String, SessionChange> changes;

    SessionStore(Duration lifetime) {
        this.changes = CacheBuilder.newBuilder().expireAfterAccess(lifetime).maximumSize(100_000).build();
    }

    ClientSession apply(Optional<String> token, ClientSession session) {
        return token.map(changes::getIfPresent).map(change -> change.applyTo(session)).orElse(session);
    }

    void remember(Optional<String> token, SessionChange change) {
        token.ifPresent(t -> changes.asMap().merge(t, change, SessionStore::combine));
    }

    private static SessionChange combine(SessionChange earlier, SessionChange later) {
        java.util.Map<String, String> set = new java.util.HashMap<>(earlier.setProperties());
        set.keySet().removeAll(later.resetProperties());
        set.putAll(later.setProperties());
        java.util.Set<String> reset = new java.util.HashSet<>(earlier.resetProperties());
        reset.removeAll(later.setProperties().keySet());
        reset.addAll(later.resetProperties());
        return new SessionChange(later.catalog().or(earlier::catalog), later.schema().or(earlier::schema), set, reset);
    }
}

package io.queryflux.auth;

import java.util.Optional;

/** Who may connect. Implementations are thread-safe. */
public interface AuthProvider {
    /** The config name of the provider, e.g. {@code static}. */
    String name();

    /**
     * True when the provider checks nothing ({@code provider: none}): frontends then accept the
     * user the client declares without asking for a password.
     */
    boolean trustsDeclaredUser();

    /** Checks a cleartext password; empty when the user is unknown or the password wrong. */
    Optional<Identity> verifyPassword(String user, String password);

    /**
     * The user's cleartext secret, for challenge-response methods that must compute what the
     * client should have sent. Empty when the user is unknown or the provider cannot reveal
     * secrets (then only cleartext methods, over TLS, can be offered).
     */
    Optional<String> secretFor(String user);

    /** The identity of a user whose challenge-response check the frontend has done. */
    Identity identityOf(String user);
}

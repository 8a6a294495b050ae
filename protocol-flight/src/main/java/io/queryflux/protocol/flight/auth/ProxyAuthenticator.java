package io.queryflux.protocol.flight.auth;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.AuthProvider;
import io.queryflux.auth.Identity;
import java.time.Duration;
import java.util.Optional;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;

/**
 * Flight authentication through the proxy's {@link AuthProvider}: a call with basic credentials
 * (the handshake) is checked with {@link AuthProvider#verifyPassword} and answered with a
 * bearer token, which every later call carries. When the provider trusts declared users, a call
 * with no credentials at all runs as {@value #ANONYMOUS}.
 */
public final class ProxyAuthenticator implements CallHeaderAuthenticator {
    public static final String ANONYMOUS = "anonymous";

    private final AuthProvider provider;
    private final CallHeaderAuthenticator bearer;

    public ProxyAuthenticator(AuthProvider provider, Duration tokenLifetime) {
        this.provider = requireNonNull(provider, "provider is null");
        this.bearer = new GeneratedBearerTokenAuthenticator(
                new BasicCallHeaderAuthenticator(this::validate), Math.toIntExact(tokenLifetime.toMinutes()));
    }

    private AuthResult validate(String user, String password) {
        Optional<Identity> identity = provider.trustsDeclaredUser()
                ? Optional.of(provider.identityOf(user))
                : provider.verifyPassword(user, password);
        String name = identity.orElseThrow(() -> CallStatus.UNAUTHENTICATED
                .withDescription("Authentication failed for user '" + user + "'")
                .toRuntimeException()).user();
        return () -> name;
    }

    @Override
    public AuthResult authenticate(CallHeaders incomingHeaders) {
        if (provider.trustsDeclaredUser() && !incomingHeaders.containsKey(Auth2Constants.AUTHORIZATION_HEADER)) {
            return () -> ANONYMOUS;
        }
        return bearer.authenticate(incomingHeaders);
    }
}

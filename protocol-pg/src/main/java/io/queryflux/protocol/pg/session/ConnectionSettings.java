package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.protocol.pg.auth.PgAuthenticator;
import io.queryflux.protocol.pg.catalog.PgCatalog;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What every connection of one frontend shares.
 *
 * @param idleTransactionTimeout the operator's limit on idling inside a transaction block (zero: none)
 */
public record ConnectionSettings(
        QueryDispatcher dispatcher,
        PgAuthenticator authenticator,
        PgCatalog catalog,
        Optional<SSLContext> tls,
        Backends backends,
        int maxMessageSize,
        String serverVersion,
        Duration idleTransactionTimeout) {
    public ConnectionSettings {
        requireNonNull(dispatcher, "dispatcher is null");
        requireNonNull(authenticator, "authenticator is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(backends, "backends is null");
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(idleTransactionTimeout, "idleTransactionTimeout is null");
    }
}

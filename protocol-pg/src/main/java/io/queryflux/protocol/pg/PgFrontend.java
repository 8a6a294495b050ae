package io.queryflux.protocol.pg;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.AuthProvider;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.protocol.pg.auth.PgAuthenticator;
import io.queryflux.protocol.pg.catalog.PgCatalog;
import io.queryflux.protocol.pg.session.Backends;
import io.queryflux.protocol.pg.session.ConnectionSettings;
import io.queryflux.protocol.pg.session.PgConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The PostgreSQL wire frontend: a plain server socket with one virtual thread per connection
 * (SSLRequest upgrades a connection to TLS in band, which an HTTP server's listener cannot do).
 */
public final class PgFrontend implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PgFrontend.class.getName());

    private final ServerSocket server;
    private final ConnectionSettings settings;
    private final Thread acceptor;

    private PgFrontend(ServerSocket server, ConnectionSettings settings) {
        this.server = server;
        this.settings = settings;
        this.acceptor = Thread.ofPlatform().name("pg-accept-" + server.getLocalPort()).daemon().unstarted(this::accept);
    }

    /** Binds the port and starts accepting connections. */
    public static PgFrontend start(PgFrontendConfig config, QueryDispatcher dispatcher, AuthProvider auth)
            throws IOException {
        requireNonNull(config, "config is null");
        requireNonNull(dispatcher, "dispatcher is null");
        requireNonNull(auth, "auth is null");
        Optional<SSLContext> tls;
        try {
            tls = config.tlsCertificate().isPresent()
                    ? Optional.of(PemTls.serverContext(config.tlsCertificate().get(), config.tlsPrivateKey().get()))
                    : Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the TLS certificate or key: " + e.getMessage(), e);
        }
        ConnectionSettings settings = new ConnectionSettings(dispatcher,
                new PgAuthenticator(auth, config.authMethod(), config.allowCleartextWithoutTls()),
                new PgCatalog(dispatcher), tls, new Backends(), config.maxMessageSize(), config.serverVersion(),
                config.idleTransactionTimeout());
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 512);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        PgFrontend frontend = new PgFrontend(server, settings);
        frontend.acceptor.start();
        return frontend;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, "accept failed on the PostgreSQL port", e);
                }
                continue;
            }
            Thread.ofVirtual().name("pg-conn-" + socket.getPort()).start(new PgConnection(socket, settings));
        }
    }

    /** The port the frontend listens on (the chosen one when the config said 0). */
    public int port() {
        return server.getLocalPort();
    }

    /** Open client connections now. */
    public int connections() {
        return settings.backends().size();
    }

    /** Stops accepting, cancels running queries; connections end as their queries fail. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            settings.backends().closeAll();
            settings.catalog().close();
        }
    }
}

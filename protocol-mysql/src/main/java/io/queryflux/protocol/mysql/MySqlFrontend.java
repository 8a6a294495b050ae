package io.queryflux.protocol.mysql;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.AuthProvider;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.protocol.mysql.auth.MySqlAuthenticator;
import io.queryflux.protocol.mysql.auth.RsaKeys;
import io.queryflux.protocol.mysql.auth.TlsContexts;
import io.queryflux.protocol.mysql.catalog.InformationSchemaMirrors;
import io.queryflux.protocol.mysql.catalog.ProxyStatements;
import io.queryflux.protocol.mysql.commands.ConnectionRegistry;
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
 * The MySQL wire protocol frontend: a plain {@link ServerSocket} and one virtual thread per
 * connection. (MySQL is server-speaks-first and upgrades to TLS in band after an SSL request
 * packet, which an HTTP server's listener cannot host.)
 */
public final class MySqlFrontend implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MySqlFrontend.class.getName());

    private final ServerSocket serverSocket;
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final Thread acceptor;
    private final MySqlFrontendConfig config;
    private final QueryDispatcher dispatcher;
    private final MySqlAuthenticator authenticator;
    private final Optional<SSLContext> tls;
    private final ProxyStatements proxyStatements;
    private final InformationSchemaMirrors mirrors;

    private MySqlFrontend(MySqlFrontendConfig config, QueryDispatcher dispatcher, AuthProvider auth,
            Optional<SSLContext> tls, ServerSocket serverSocket) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.tls = tls;
        this.serverSocket = serverSocket;
        this.authenticator = new MySqlAuthenticator(auth, RsaKeys.generate(), config.defaultAuthPlugin());
        this.mirrors = new InformationSchemaMirrors(dispatcher);
        this.proxyStatements = new ProxyStatements(config.serverVersion(), mirrors);
        this.acceptor = Thread.ofPlatform().name("mysql-accept-" + serverSocket.getLocalPort()).daemon()
                .unstarted(this::acceptLoop);
    }

    /**
     * Binds the port and starts accepting connections.
     *
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalArgumentException if the TLS certificate or key cannot be read
     */
    public static MySqlFrontend start(MySqlFrontendConfig config, QueryDispatcher dispatcher, AuthProvider auth) {
        requireNonNull(config, "config is null");
        requireNonNull(dispatcher, "dispatcher is null");
        requireNonNull(auth, "auth is null");
        Optional<SSLContext> tls = Optional.empty();
        if (config.tlsCertificate().isPresent()) {
            try {
                tls = Optional.of(TlsContexts.fromPem(config.tlsCertificate().get(), config.tlsPrivateKey().orElseThrow()));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot load the MySQL frontend's TLS certificate/key: "
                        + e.getMessage(), e);
            }
        }
        ServerSocket serverSocket;
        try {
            serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port(), e);
        }
        MySqlFrontend frontend = new MySqlFrontend(config, dispatcher, auth, tls, serverSocket);
        frontend.acceptor.start();
        return frontend;
    }

    /** The bound port (the chosen one when the config said 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections open now. */
    public int connectionCount() {
        return registry.size();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.log(Level.WARNING, "MySQL frontend accept failed", e);
                }
                continue;
            }
            long id = registry.nextId();
            MySqlConnection connection = new MySqlConnection(id, socket, config, dispatcher, authenticator, tls,
                    registry, proxyStatements);
            Thread.ofVirtual().name("mysql-conn-" + id).start(connection::run);
        }
    }

    /** Stops accepting, and ends every open connection (cancelling its queries). */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        registry.all().forEach(ConnectionRegistry.Handle::terminate);
        mirrors.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

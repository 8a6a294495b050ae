package io.queryflux.protocol.mysql;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.Identity;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.protocol.mysql.auth.AuthChannel;
import io.queryflux.protocol.mysql.auth.AuthenticationFailedException;
import io.queryflux.protocol.mysql.auth.MySqlAuthenticator;
import io.queryflux.protocol.mysql.catalog.ProxyStatements;
import io.queryflux.protocol.mysql.catalog.SystemVariables;
import io.queryflux.protocol.mysql.codec.Capabilities;
import io.queryflux.protocol.mysql.codec.ErrPacket;
import io.queryflux.protocol.mysql.codec.ErrorNumbers;
import io.queryflux.protocol.mysql.codec.HandshakeResponse;
import io.queryflux.protocol.mysql.codec.HandshakeV10;
import io.queryflux.protocol.mysql.codec.MalformedPacketException;
import io.queryflux.protocol.mysql.codec.OkPacket;
import io.queryflux.protocol.mysql.codec.Packet;
import io.queryflux.protocol.mysql.codec.PacketInput;
import io.queryflux.protocol.mysql.codec.PacketOutput;
import io.queryflux.protocol.mysql.codec.PayloadWriter;
import io.queryflux.protocol.mysql.codec.ServerStatus;
import io.queryflux.protocol.mysql.commands.CommandProcessor;
import io.queryflux.protocol.mysql.commands.ConnectionRegistry;
import io.queryflux.protocol.mysql.commands.MySqlSession;
import io.queryflux.protocol.mysql.commands.ResultWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One client connection, on its own virtual thread: greeting, optional TLS upgrade,
 * authentication, then commands until the client quits or goes away. Whatever happens, its
 * open queries are cancelled and closed, and it leaves the registry.
 */
final class MySqlConnection implements ConnectionRegistry.Handle {
    private static final Logger LOG = Logger.getLogger(MySqlConnection.class.getName());
    private static final int READ_BUFFER = 16 * 1024;
    private static final int WRITE_BUFFER = 64 * 1024;

    private final long id;
    private final MySqlFrontendConfig config;
    private final QueryDispatcher dispatcher;
    private final MySqlAuthenticator authenticator;
    private final Optional<SSLContext> tls;
    private final ConnectionRegistry registry;
    private final ProxyStatements proxyStatements;
    private volatile Socket socket;
    private volatile ConnectionState state = ConnectionState.HANDSHAKE;
    private volatile MySqlSession session;
    private volatile String user = "";
    private BufferedInputStream bufferedInput;
    private PacketInput input;
    private PacketOutput output;

    MySqlConnection(long id, Socket socket, MySqlFrontendConfig config, QueryDispatcher dispatcher,
            MySqlAuthenticator authenticator, Optional<SSLContext> tls, ConnectionRegistry registry,
            ProxyStatements proxyStatements) {
        this.id = id;
        this.socket = requireNonNull(socket, "socket is null");
        this.config = requireNonNull(config, "config is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.tls = requireNonNull(tls, "tls is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.proxyStatements = requireNonNull(proxyStatements, "proxyStatements is null");
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public void cancelQuery() {
        MySqlSession current = session;
        if (current != null) {
            current.cancelQueries();
        }
    }

    @Override
    public void terminate() {
        cancelQuery();
        closeSocket();
    }

    void run() {
        registry.register(id, this);
        CommandProcessor processor = null;
        InboundPackets inbound = null;
        try {
            socket.setTcpNoDelay(true);
            bindStreams();
            MySqlSession authenticated = handshake();
            if (authenticated == null) {
                return;
            }
            session = authenticated;
            ResultWriter writer = new ResultWriter(output,
                    Capabilities.has(authenticated.capabilities(), Capabilities.DEPRECATE_EOF));
            processor = new CommandProcessor(authenticated, writer, dispatcher, proxyStatements, registry);
            inbound = new InboundPackets(input, authenticated::cancelQueries, "mysql-read-" + id);
            inbound.start();
            commandLoop(inbound, processor, writer);
        } catch (IOException e) {
            LOG.log(Level.FINE, "MySQL connection " + id + " ended: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state = ConnectionState.CLOSED;
            cancelQuery();
            if (processor != null) {
                processor.closeSession();
            }
            if (inbound != null) {
                inbound.stop();
            }
            closeSocket();
            registry.unregister(id);
        }
    }

    private void bindStreams() throws IOException {
        bufferedInput = new BufferedInputStream(socket.getInputStream(), READ_BUFFER);
        input = new PacketInput(bufferedInput, config.maxPacketBytes());
        output = new PacketOutput(new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER));
    }

    /** Greets, upgrades to TLS if asked, authenticates; null if the connection ended meanwhile. */
    private MySqlSession handshake() throws IOException {
        byte[] scramble = MySqlAuthenticator.newScramble();
        int offered = Capabilities.SERVER_DEFAULT | (tls.isPresent() ? Capabilities.SSL : 0);
        output.sequence(0);
        output.write(new HandshakeV10(config.serverVersion(), id, scramble, offered, 255,
                authenticator.defaultPlugin().pluginName()).encode(new PayloadWriter()));
        output.flush();
        try {
            Packet packet = input.read();
            if (packet == null) {
                return null;
            }
            HandshakeResponse response = HandshakeResponse.decode(packet.payload());
            output.sequence(packet.sequence() + 1);
            boolean secure = false;
            if (response.sslRequest()) {
                if (tls.isEmpty()) {
                    throw new MalformedPacketException(ErrorNumbers.ER_HANDSHAKE_ERROR,
                            "Bad handshake: TLS is not enabled on this server");
                }
                upgradeToTls();
                secure = true;
                packet = input.read();
                if (packet == null) {
                    return null;
                }
                response = HandshakeResponse.decode(packet.payload());
                output.sequence(packet.sequence() + 1);
                if (response.sslRequest()) {
                    throw new MalformedPacketException(ErrorNumbers.ER_HANDSHAKE_ERROR, "Bad handshake: second SSL request");
                }
            }
            state = ConnectionState.AUTHENTICATING;
            user = response.user();
            Identity identity = authenticator.authenticate(response, scramble, authChannel(secure));
            int capabilities = response.capabilities() & offered;
            ClientSession clientSession = new ClientSession(Protocol.MYSQL_WIRE, identity.user(),
                    source(response.attributes()), Optional.empty(), response.database(), headers(response), Set.of(),
                    Map.of());
            MySqlSession authenticated = new MySqlSession(id, capabilities, clientSession,
                    new SystemVariables(config.serverVersion(), config.maxPacketBytes(),
                            "QueryFlux MySQL wire proxy"));
            output.write(OkPacket.of(ServerStatus.DEFAULT).encode(new PayloadWriter(), false));
            output.flush();
            state = ConnectionState.IDLE;
            return authenticated;
        } catch (AuthenticationFailedException e) {
            sendErrorAndClose(ErrPacket.of(ErrorNumbers.ER_ACCESS_DENIED_ERROR, e.getMessage()));
            return null;
        } catch (MalformedPacketException e) {
            sendErrorAndClose(ErrPacket.of(e.errorNumber(), e.getMessage()));
            return null;
        } catch (EOFException e) {
            return null;
        }
    }

    private AuthChannel authChannel(boolean secure) {
        return new AuthChannel() {
            @Override
            public void send(PayloadWriter payload) throws IOException {
                output.write(payload);
                output.flush();
            }

            @Override
            public byte[] receive() throws IOException, MalformedPacketException {
                Packet packet = input.read();
                if (packet == null) {
                    throw new EOFException("client closed the connection during authentication");
                }
                output.sequence(packet.sequence() + 1);
                return packet.payload();
            }

            @Override
            public boolean secure() {
                return secure;
            }
        };
    }

    private void upgradeToTls() throws IOException {
        // A MySQL client sends its TLS ClientHello right behind the SSL request without waiting,
        // so the read buffer may already hold the start of the handshake: hand those bytes over.
        byte[] alreadyRead = bufferedInput.readNBytes(bufferedInput.available());
        SSLSocket ssl = (SSLSocket) tls.orElseThrow().getSocketFactory().createSocket(socket,
                new ByteArrayInputStream(alreadyRead), true);
        ssl.startHandshake();
        socket = ssl;
        bindStreams();
    }

    private void commandLoop(InboundPackets inbound, CommandProcessor processor, ResultWriter writer)
            throws IOException, InterruptedException {
        while (true) {
            InboundPackets.Inbound next = inbound.take();
            if (next.isEnd()) {
                if (next.malformed() != null) {
                    output.sequence(0);
                    sendErrorAndClose(ErrPacket.of(next.malformed().errorNumber(), next.malformed().getMessage()));
                }
                return;
            }
            output.sequence(next.packet().sequence() + 1);
            state = ConnectionState.BUSY;
            boolean open;
            try {
                open = processor.handle(next.packet());
            } catch (MalformedPacketException e) {
                sendErrorAndClose(ErrPacket.of(e.errorNumber(), e.getMessage()));
                return;
            }
            writer.flush();
            if (!open) {
                return;
            }
            state = ConnectionState.IDLE;
        }
    }

    private void sendErrorAndClose(ErrPacket err) {
        try {
            output.write(err.encode(new PayloadWriter()));
            output.flush();
        } catch (IOException ignored) {
            // the client is already gone
        }
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static Optional<String> source(Map<String, String> attributes) {
        return Optional.ofNullable(attributes.get("program_name"))
                .or(() -> Optional.ofNullable(attributes.get("_client_name")));
    }

    /** Connection attributes become headers, so header-based routing rules can use them. */
    private static Map<String, String> headers(HandshakeResponse response) {
        return response.attributes();
    }

    ConnectionState state() {
        return state;
    }
}

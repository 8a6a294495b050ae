package io.queryflux.protocol.mysql;

import static java.util.Objects.requireNonNull;

import io.queryflux.protocol.mysql.auth.MySqlAuthPlugin;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The MySQL frontend's settings ({@code queryflux.frontends.mysqlWire} in the config file).
 *
 * @param port TCP port; 0 picks a free one ({@link MySqlFrontend#port()} tells which)
 * @param bindAddress address to listen on
 * @param tlsCertificate PEM certificate chain; with {@code tlsPrivateKey} it enables TLS
 * @param tlsPrivateKey PEM PKCS#8 private key
 * @param serverVersion the version string clients see; must start with an 8.0-style version
 * @param defaultAuthPlugin the plugin announced in the greeting
 * @param maxPacketBytes the largest command payload accepted (max_allowed_packet)
 */
public record MySqlFrontendConfig(
        int port,
        String bindAddress,
        Optional<Path> tlsCertificate,
        Optional<Path> tlsPrivateKey,
        String serverVersion,
        MySqlAuthPlugin defaultAuthPlugin,
        int maxPacketBytes) {
    public static final String DEFAULT_SERVER_VERSION = "8.0.36-QueryFlux";
    public static final int DEFAULT_MAX_PACKET_BYTES = 64 * 1024 * 1024;

    public MySqlFrontendConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(tlsCertificate, "tlsCertificate is null");
        requireNonNull(tlsPrivateKey, "tlsPrivateKey is null");
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(defaultAuthPlugin, "defaultAuthPlugin is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (tlsCertificate.isPresent() != tlsPrivateKey.isPresent()) {
            throw new IllegalArgumentException("TLS needs both a certificate and a private key");
        }
        if (!serverVersion.matches("\\d+\\.\\d+\\.\\d+.*")) {
            throw new IllegalArgumentException("serverVersion must start with major.minor.patch: " + serverVersion);
        }
        if (maxPacketBytes < 1024) {
            throw new IllegalArgumentException("maxPacketBytes must be at least 1024: " + maxPacketBytes);
        }
    }

    /** Plain TCP on {@code port} of 127.0.0.1, caching_sha2_password, 64 MiB packets. */
    public static MySqlFrontendConfig onPort(int port) {
        return new MySqlFrontendConfig(port, "127.0.0.1", Optional.empty(), Optional.empty(), DEFAULT_SERVER_VERSION,
                MySqlAuthPlugin.CACHING_SHA2_PASSWORD, DEFAULT_MAX_PACKET_BYTES);
    }

    public MySqlFrontendConfig withTls(Path certificate, Path privateKey) {
        return new MySqlFrontendConfig(port, bindAddress, Optional.of(certificate), Optional.of(privateKey),
                serverVersion, defaultAuthPlugin, maxPacketBytes);
    }

    public MySqlFrontendConfig withDefaultAuthPlugin(MySqlAuthPlugin plugin) {
        return new MySqlFrontendConfig(port, bindAddress, tlsCertificate, tlsPrivateKey, serverVersion, plugin,
                maxPacketBytes);
    }

    public MySqlFrontendConfig withMaxPacketBytes(int bytes) {
        return new MySqlFrontendConfig(port, bindAddress, tlsCertificate, tlsPrivateKey, serverVersion,
                defaultAuthPlugin, bytes);
    }
}

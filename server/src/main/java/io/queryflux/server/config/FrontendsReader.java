package io.queryflux.server.config;

import io.queryflux.protocol.flight.FlightSqlFrontendConfig;
import io.queryflux.protocol.mysql.MySqlFrontendConfig;
import io.queryflux.protocol.pg.PgFrontendConfig;
import io.queryflux.protocol.pg.auth.PgAuthMethod;
import io.queryflux.protocol.mysql.auth.MySqlAuthPlugin;
import io.queryflux.protocol.trino.TrinoHttpConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Reads {@code queryflux.frontends}; a frontend is on when its section is present and not disabled. */
final class FrontendsReader {
    private FrontendsReader() {}

    static Frontends read(ConfigNode frontends, Optional<String> externalAddress, ConfigNode externalAddressNode) {
        frontends.allowOnly(Set.of("trinoHttp", "postgresWire", "mysqlWire", "flightSql"));
        return new Frontends(trinoHttp(frontends.get("trinoHttp"), externalAddress, externalAddressNode),
                postgresWire(frontends.get("postgresWire")), mysqlWire(frontends.get("mysqlWire")),
                flightSql(frontends.get("flightSql")));
    }

    private static boolean enabled(ConfigNode node) {
        return node.isPresent() && node.bool("enabled", true);
    }

    private static Optional<TrinoHttpListener> trinoHttp(ConfigNode node, Optional<String> externalAddress,
            ConfigNode externalAddressNode) {
        node.allowOnly(Set.of("enabled", "port", "clientTimeoutSecs", "maxRowsPerPage", "targetPageBytes",
                "rawPassthrough"));
        if (!enabled(node)) {
            return Optional.empty();
        }
        Optional<URI> address = externalAddress.map(text -> {
            try {
                URI uri = new URI(text);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw externalAddressNode.error("must be an absolute URL such as https://proxy.example.com:8080");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw externalAddressNode.error("not a URL: " + e.getMessage());
            }
        });
        TrinoHttpConfig settings = TrinoHttpConfig.defaults()
                .withExternalAddress(address)
                .withClientTimeout(Duration.ofSeconds(node.integer("clientTimeoutSecs",
                        (int) TrinoHttpConfig.DEFAULT_CLIENT_TIMEOUT.toSeconds(), 1)))
                .withPageLimits(node.integer("maxRowsPerPage", TrinoHttpConfig.DEFAULT_MAX_ROWS_PER_PAGE, 1),
                        node.integer("targetPageBytes", TrinoHttpConfig.DEFAULT_TARGET_PAGE_BYTES, 1))
                .withRawPassthrough(node.bool("rawPassthrough", true));
        return Optional.of(new TrinoHttpListener(node.port("port", 8080), settings));
    }

    /** A PEM certificate chain and its private key; both or neither. */
    private record TlsFiles(Optional<Path> certChain, Optional<Path> privateKey) {}

    private static TlsFiles tls(ConfigNode tls) {
        tls.allowOnly(Set.of("certChain", "privateKey"));
        Optional<Path> cert = tls.optString("certChain").map(Path::of);
        Optional<Path> key = tls.optString("privateKey").map(Path::of);
        if (cert.isPresent() != key.isPresent()) {
            throw tls.error("needs both certChain and privateKey");
        }
        for (ConfigNode file : new ConfigNode[] {tls.get("certChain"), tls.get("privateKey")}) {
            if (file.isPresent() && !Files.isReadable(Path.of(file.asString()))) {
                throw file.error("cannot read file " + file.asString());
            }
        }
        return new TlsFiles(cert, key);
    }

    private static Optional<PgFrontendConfig> postgresWire(ConfigNode node) {
        node.allowOnly(Set.of("enabled", "host", "port", "tls", "authMethod", "allowCleartextWithoutTls",
                "maxMessageSize", "serverVersion", "idleTransactionTimeoutSecs"));
        if (!enabled(node)) {
            return Optional.empty();
        }
        TlsFiles tls = tls(node.get("tls"));
        List<String> methods = Arrays.stream(PgAuthMethod.values()).map(PgAuthMethod::configName).toList();
        PgAuthMethod method = node.get("authMethod").isPresent()
                ? node.oneOf("authMethod", PgAuthMethod::fromConfigName, methods)
                : PgAuthMethod.SCRAM_SHA_256;
        return Optional.of(new PgFrontendConfig(node.optString("host").orElse("0.0.0.0"),
                node.port("port", PgFrontendConfig.DEFAULT_PORT), tls.certChain(), tls.privateKey(), method,
                node.bool("allowCleartextWithoutTls", false),
                node.integer("maxMessageSize", PgFrontendConfig.DEFAULT_MAX_MESSAGE_SIZE, 1024),
                node.optString("serverVersion").orElse(PgFrontendConfig.DEFAULT_SERVER_VERSION),
                Duration.ofSeconds(node.integer("idleTransactionTimeoutSecs", 0, 0))));
    }

    private static Optional<MySqlFrontendConfig> mysqlWire(ConfigNode node) {
        node.allowOnly(Set.of("enabled", "host", "port", "tls", "serverVersion", "defaultAuthPlugin",
                "maxPacketBytes"));
        if (!enabled(node)) {
            return Optional.empty();
        }
        TlsFiles tls = tls(node.get("tls"));
        List<String> plugins = Arrays.stream(MySqlAuthPlugin.values()).map(MySqlAuthPlugin::pluginName).toList();
        MySqlAuthPlugin plugin = node.get("defaultAuthPlugin").isPresent()
                ? node.oneOf("defaultAuthPlugin", MySqlAuthPlugin::fromName, plugins)
                : MySqlAuthPlugin.CACHING_SHA2_PASSWORD;
        return Optional.of(new MySqlFrontendConfig(node.port("port", 3306), node.optString("host").orElse("0.0.0.0"),
                tls.certChain(), tls.privateKey(),
                node.optString("serverVersion").orElse(MySqlFrontendConfig.DEFAULT_SERVER_VERSION), plugin,
                node.integer("maxPacketBytes", MySqlFrontendConfig.DEFAULT_MAX_PACKET_BYTES, 1024)));
    }

    private static Optional<FlightSqlFrontendConfig> flightSql(ConfigNode node) {
        node.allowOnly(Set.of("enabled", "host", "port", "tls", "batchRows", "maxBatchBytes", "ticketTimeoutSecs",
                "tokenLifetimeMins", "memoryLimitBytes"));
        if (!enabled(node)) {
            return Optional.empty();
        }
        TlsFiles tls = tls(node.get("tls"));
        long maxBatchBytes = node.longValue("maxBatchBytes", FlightSqlFrontendConfig.DEFAULT_MAX_BATCH_BYTES, 1);
        long memoryLimit = node.longValue("memoryLimitBytes", FlightSqlFrontendConfig.DEFAULT_MEMORY_LIMIT_BYTES, 1);
        if (memoryLimit < maxBatchBytes) {
            throw node.get("memoryLimitBytes").error("must be at least maxBatchBytes (" + maxBatchBytes + ")");
        }
        return Optional.of(new FlightSqlFrontendConfig(
                node.optString("host").orElse(FlightSqlFrontendConfig.DEFAULT_BIND_HOST),
                node.port("port", FlightSqlFrontendConfig.DEFAULT_PORT),
                tls.certChain(),
                tls.privateKey(),
                node.integer("batchRows", FlightSqlFrontendConfig.DEFAULT_BATCH_ROWS, 1),
                maxBatchBytes,
                Duration.ofSeconds(node.integer("ticketTimeoutSecs",
                        (int) FlightSqlFrontendConfig.DEFAULT_TICKET_TIMEOUT.toSeconds(), 1)),
                Duration.ofMinutes(node.integer("tokenLifetimeMins",
                        (int) FlightSqlFrontendConfig.DEFAULT_TOKEN_LIFETIME.toMinutes(), 1)),
                memoryLimit));
    }
}

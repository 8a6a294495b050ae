package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.AuthProvider;
import io.queryflux.routing.RouterChain;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated config. Building it touches nothing outside the process: engines are
 * created from it later, by the server.
 *
 * @param source where it came from, for messages
 * @param externalAddress the address clients reach the Trino frontend at, for nextUri links
 */
public record ServerConfig(
        String source,
        Optional<String> externalAddress,
        Frontends frontends,
        int adminPort,
        Map<String, ClusterConfig> clusters,
        Map<String, GroupConfig> groups,
        RouterChain routerChain,
        TranslationConfig translation,
        AuthProvider authProvider) {
    public ServerConfig {
        requireNonNull(source, "source is null");
        requireNonNull(externalAddress, "externalAddress is null");
        // Kept in file order: the admin API and start-up messages list them as written.
        requireNonNull(frontends, "frontends is null");
        clusters = ordered(requireNonNull(clusters, "clusters is null"));
        groups = ordered(requireNonNull(groups, "groups is null"));
        requireNonNull(routerChain, "routerChain is null");
        requireNonNull(translation, "translation is null");
        requireNonNull(authProvider, "authProvider is null");
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

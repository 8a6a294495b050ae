package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.AuthProvider;
import io.queryflux.routing.RouterChain;
import io.queryflux.routing.python.PythonScript;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated config. Building it loads the Python scripts it names (so their errors
 * surface at start-up) but touches nothing outside the process: engines are created later.
 *
 * @param source where it came from, for messages
 * @param scripts the Python scripts the config loaded, for the server to close
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
        AuthProvider authProvider,
        List<PythonScript> scripts) {
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
        scripts = List.copyOf(requireNonNull(scripts, "scripts is null"));
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

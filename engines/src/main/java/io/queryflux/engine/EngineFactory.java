package io.queryflux.engine;

import java.util.Map;
import java.util.Set;

/** Creates engines of one type from a cluster's engine-specific settings. */
public interface EngineFactory {
    EngineType type();

    /**
     * The engine-specific keys this engine accepts in a cluster section (nested keys joined by
     * dots, e.g. {@code auth.username}). Anything else is a config error.
     */
    Set<String> settingKeys();

    /**
     * Creates the engine.
     *
     * @param clusterName the cluster's name, for messages
     * @param settings the engine-specific settings, flattened as {@link #settingKeys()} names them
     * @throws InvalidSettingException if a setting is missing or wrong
     */
    Engine create(String clusterName, Map<String, String> settings);
}

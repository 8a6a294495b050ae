package io.queryflux.engine.settings;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.InvalidSettingException;
import java.util.Map;
import java.util.Optional;

/** Typed reads of a cluster's flattened settings, failing with the key that is wrong. */
public final class EngineSettings {
    private final Map<String, String> settings;

    public EngineSettings(Map<String, String> settings) {
        this.settings = Map.copyOf(requireNonNull(settings, "settings is null"));
    }

    /** The value, absent when missing or blank. */
    public Optional<String> optional(String key) {
        return Optional.ofNullable(settings.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new InvalidSettingException(key, "is required"));
    }

    /** {@code true} or {@code false}; absent means false. */
    public boolean flag(String key) {
        return optional(key).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(key, "must be true or false, got '" + v + "'");
        }).orElse(false);
    }

    public int positiveInt(String key, int defaultValue) {
        return optional(key).map(v -> {
            try {
                int value = Integer.parseInt(v);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSettingException(key, "must be a positive integer, got '" + v + "'");
        }).orElse(defaultValue);
    }
}

package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

/** A cluster setting an engine cannot work with; the config loader adds the file and path. */
public class InvalidSettingException extends RuntimeException {
    private final String key;

    public InvalidSettingException(String key, String reason) {
        super(requireNonNull(reason, "reason is null"));
        this.key = requireNonNull(key, "key is null");
    }

    /** The setting's key within the cluster's section, e.g. {@code databasePath}. */
    public String key() {
        return key;
    }
}

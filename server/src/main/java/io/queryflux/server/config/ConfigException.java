package io.queryflux.server.config;

import static java.util.Objects.requireNonNull;

/** A config error, reported as {@code file: key.path: reason} so an operator can fix it at once. */
public final class ConfigException extends RuntimeException {
    private final String source;
    private final String path;
    private final String reason;

    public ConfigException(String source, String path, String reason) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + reason);
        this.source = requireNonNull(source, "source is null");
        this.path = requireNonNull(path, "path is null");
        this.reason = requireNonNull(reason, "reason is null");
    }

    /** The file (or "built-in default config"). */
    public String source() {
        return source;
    }

    /** The key path, e.g. {@code clusterGroups.etl.members[1]}. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}

package io.queryflux.sql;

import java.util.Locale;
import java.util.Optional;

/** What to do when a query cannot be translated. */
public enum TranslationMode {
    /** Send the original SQL and record why it was not translated. */
    BEST_EFFORT("bestEffort"),
    /** Refuse the query with an error naming the construct. */
    STRICT("strict");

    private final String configName;

    TranslationMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<TranslationMode> fromConfigName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (TranslationMode mode : values()) {
            if (mode.configName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}

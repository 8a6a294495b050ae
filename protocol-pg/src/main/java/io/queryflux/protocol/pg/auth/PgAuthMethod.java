package io.queryflux.protocol.pg.auth;

import java.util.Arrays;
import java.util.Optional;

/** The password method the frontend asks clients for, by its pg_hba.conf name. */
public enum PgAuthMethod {
    SCRAM_SHA_256("scram-sha-256"),
    MD5("md5"),
    /** Cleartext; offered only over TLS unless the config allows it without. */
    PASSWORD("password");

    private final String configName;

    PgAuthMethod(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<PgAuthMethod> fromConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equalsIgnoreCase(name)).findFirst();
    }
}

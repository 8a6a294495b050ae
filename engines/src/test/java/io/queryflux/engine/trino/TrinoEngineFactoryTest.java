package io.queryflux.engine.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrinoEngineFactoryTest {
    private static InvalidSettingException invalid(Map<String, String> settings) {
        return assertThrows(InvalidSettingException.class, () -> TrinoEngineFactory.config(settings));
    }

    @Test
    void readsEverySetting() {
        TrinoClusterConfig config = TrinoEngineFactory.config(Map.of(
                "endpoint", "https://trino.example:8443", "auth.type", "bearer", "auth.token", "t",
                "tls.insecureSkipVerify", "true", "catalog", "hive", "schema", "web", "requestTimeoutSecs", "30"));
        assertEquals("https://trino.example:8443", config.endpoint().toString());
        assertEquals(Optional.of("Bearer t"), config.authorization());
        assertTrue(config.insecureSkipVerify());
        assertEquals(Optional.of("hive"), config.defaultCatalog());
        assertEquals(Optional.of("web"), config.defaultSchema());
        assertEquals(Duration.ofSeconds(30), config.requestTimeout());
        assertTrue(new TrinoEngineFactory().settingKeys().containsAll(Map.of(
                "endpoint", 1, "auth.type", 1, "auth.username", 1, "auth.password", 1, "auth.token", 1,
                "tls.insecureSkipVerify", 1, "catalog", 1, "schema", 1).keySet()));
    }

    @Test
    void rejectsBadSettingsNamingTheKey() {
        assertEquals("endpoint", invalid(Map.of()).key());
        assertEquals("endpoint", invalid(Map.of("endpoint", "trino:8080")).key());
        assertEquals("auth.type", invalid(Map.of("endpoint", "http://t:8080", "auth.type", "kerberos")).key());
        assertEquals("auth.password", invalid(Map.of("endpoint", "http://t:8080", "auth.type", "basic", "auth.username", "u")).key());
        assertEquals("auth.type", invalid(Map.of("endpoint", "http://t:8080", "auth.token", "t")).key());
        assertEquals("tls.insecureSkipVerify", invalid(Map.of("endpoint", "http://t:8080", "tls.insecureSkipVerify", "yes")).key());
        assertEquals("requestTimeoutSecs", invalid(Map.of("endpoint", "http://t:8080", "requestTimeoutSecs", "0")).key());
    }
}

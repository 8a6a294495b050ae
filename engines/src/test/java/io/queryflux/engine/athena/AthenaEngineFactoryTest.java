package io.queryflux.engine.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.queryflux.engine.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AthenaEngineFactoryTest {
    private static InvalidSettingException invalid(Map<String, String> settings) {
        return assertThrows(InvalidSettingException.class, () -> AthenaEngineFactory.config(settings));
    }

    @Test
    void defaultsAndOverrides() {
        AthenaClusterConfig defaults = AthenaEngineFactory.config(Map.of("region", "us-east-1"));
        assertEquals("primary", defaults.workgroup());
        assertEquals("AwsDataCatalog", defaults.catalog());
        assertEquals(Optional.empty(), defaults.credentials(), "the default credentials chain");
        assertEquals(Duration.ofSeconds(1800), defaults.maxWait());

        AthenaClusterConfig custom = AthenaEngineFactory.config(Map.of("region", "eu-west-1", "workgroup", "bi",
                "database", "sales", "s3OutputLocation", "s3://b/p/", "auth.accessKeyId", "AKIA", "auth.secretAccessKey", "s",
                "auth.sessionToken", "tok", "maxWaitSecs", "60", "retry.maxAttempts", "8"));
        assertEquals(Optional.of("sales"), custom.database());
        assertEquals(Optional.of("s3://b/p/"), custom.outputLocation());
        assertEquals(Optional.of("tok"), custom.credentials().orElseThrow().sessionToken());
        assertEquals(Duration.ofSeconds(60), custom.maxWait());
        assertEquals(8, custom.maxAttempts());
    }

    @Test
    void rejectsBadSettingsNamingTheKey() {
        assertEquals("region", invalid(Map.of()).key());
        assertEquals("auth.secretAccessKey", invalid(Map.of("region", "r", "auth.accessKeyId", "AKIA")).key());
        assertEquals("auth.sessionToken", invalid(Map.of("region", "r", "auth.sessionToken", "t")).key());
        assertEquals("s3OutputLocation", invalid(Map.of("region", "r", "s3OutputLocation", "/tmp/out")).key());
        assertEquals("maxWaitSecs", invalid(Map.of("region", "r", "maxWaitSecs", "-1")).key());
        assertEquals("endpointOverride", invalid(Map.of("region", "r", "endpointOverride", "localhost")).key());
    }
}

package io.queryflux.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.engine.EngineType;
import io.queryflux.sql.TranslationMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.queryflux.routing.python.PythonScript;
import io.queryflux.routing.python.ScriptObserver;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final String VALID = """
            queryflux:
              externalAddress: http://proxy:8080
              frontends:
                trinoHttp: {enabled: true, port: 18080}
                postgresWire: {port: 15432, idleTransactionTimeoutSecs: 30}
              adminApi: {port: 19000}
            clusters:
              duck-a: {engine: duckDb}
              duck-b: {engine: duckDb, databasePath: /tmp/x.duckdb, maxRunningQueries: 3, enabled: false}
            clusterGroups:
              interactive:
                members: [duck-a, duck-b]
                maxRunningQueries: 2
                maxQueuedQueries: 5
                capacityWaitTimeoutSecs: 7
                strategy: {type: weighted, weights: {duck-a: 3}}
                overflowGroup: etl
                overflowAfterSecs: 2
                translation: {mode: strict}
              etl: {members: [duck-b], strategy: {type: engineAffinity, preference: [duckDb]}}
            routers:
              - type: protocolBased
                postgresWire: etl
              - type: header
                headerName: X-Target
                headerValueToGroup: {batch: etl}
              - type: userGroup
                userToGroup: {bob: etl}
              - type: queryRegex
                rules:
                  - {regex: "(?i)^\\\\s*DROP", action: deny, message: "no drops here"}
                  - {regex: "lineitem", targetGroup: etl}
              - type: tags
                rules:
                  - tags: {team: eng, batch: null}
                    targetGroup: etl
              - type: compound
                combine: any
                conditions:
                  - {type: protocol, protocol: mysqlWire}
                  - {type: header, headerName: X-Env, headerValue: prod}
                  - {type: user, user: carol}
                  - {type: clientTag, tag: etl}
                  - {type: queryRegex, regex: "GROUP BY"}
                targetGroup: etl
            routingFallback: interactive
            auth:
              provider: static
              users:
                alice: {password: "${QF_TEST_PASSWORD}", groups: [analysts]}
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of(EngineType.DUCKDB, Set.of("databasePath")),
            name -> name.equals("QF_TEST_PASSWORD") ? "s3cret" : null, ScriptObserver.NONE);

    @Test
    void readsAValidConfig() {
        ServerConfig config = loader.parse("test.yaml", VALID);
        assertEquals(18080, config.frontends().trinoHttp().orElseThrow().port());
        assertEquals("http://proxy:8080",
                config.frontends().trinoHttp().orElseThrow().settings().externalAddress().orElseThrow().toString());
        assertTrue(config.frontends().flightSql().isEmpty(), "a frontend not mentioned is off");
        assertEquals(java.time.Duration.ofSeconds(30),
                config.frontends().postgresWire().orElseThrow().idleTransactionTimeout());
        assertEquals(19000, config.adminPort());
        assertEquals("http://proxy:8080", config.externalAddress().orElseThrow());
        ClusterConfig duckB = config.clusters().get("duck-b");
        assertEquals(3, duckB.maxRunningQueries());
        assertEquals(false, duckB.enabled());
        assertEquals(Map.of("databasePath", "/tmp/x.duckdb"), duckB.settings());
        GroupConfig interactive = config.groups().get("interactive");
        assertEquals(2, interactive.limits().maxRunningQueries());
        assertEquals(5, interactive.limits().maxQueuedQueries());
        assertEquals(Duration.ofSeconds(7), interactive.limits().capacityWaitTimeout());
        assertEquals("weighted", interactive.strategy().type());
        assertEquals(Map.of("duck-a", 3, "duck-b", 1), interactive.strategy().weights());
        assertEquals("etl", interactive.overflow().orElseThrow().group());
        assertEquals(Duration.ofSeconds(2), interactive.overflow().orElseThrow().spillAfter().orElseThrow());
        assertEquals(TranslationMode.STRICT, interactive.translationMode().orElseThrow());
        assertEquals(List.of(EngineType.DUCKDB), config.groups().get("etl").strategy().preference());
        assertEquals(TranslationMode.BEST_EFFORT, config.translation().mode());
        assertEquals(6, config.routerChain().routers().size());
        assertEquals("interactive", config.routerChain().fallbackGroup());
        StaticAuthProvider auth = assertInstanceOf(StaticAuthProvider.class, config.authProvider());
        assertTrue(auth.verifyPassword("alice", "s3cret").isPresent(), "env var interpolated into the password");

        var denied = config.routerChain().route(new QueryRequest("drop table t",
                ClientSession.of(Protocol.TRINO_HTTP, "x")));
        assertEquals("no drops here", denied.denial().orElseThrow());
    }

    @Test
    void loadsTheBuiltInDefault() {
        ServerConfig config = new ConfigLoader(Map.of(EngineType.DUCKDB, Set.of("databasePath")), n -> null, ScriptObserver.NONE).loadDefault();
        assertEquals(8080, config.frontends().trinoHttp().orElseThrow().port());
        assertEquals(9000, config.adminPort());
        assertEquals(EngineType.DUCKDB, config.clusters().values().iterator().next().engine());
    }

    private void assertRejected(String yaml, String path, String reasonPart) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("bad.yaml", yaml));
        assertEquals("bad.yaml", e.source());
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.reason().contains(reasonPart), "reason '" + e.reason() + "' should mention '" + reasonPart + "'");
    }

    private static final String BASE = """
            clusters:
              duck: {engine: duckDb}
            clusterGroups:
              g: {members: [duck]}
            """;

    @Test
    void rejectsUnknownKeys() {
        assertRejected(BASE + "routingFallback: g\nroutingFalback: g\n", "routingFalback", "unknown key");
        assertRejected(BASE.replace("{engine: duckDb}", "{engine: duckDb, databasePth: /x}") + "routingFallback: g\n",
                "clusters.duck.databasePth", "unknown key");
        assertRejected(BASE.replace("{members: [duck]}", "{members: [duck], maxRuningQueries: 3}")
                + "routingFallback: g\n", "clusterGroups.g.maxRuningQueries", "unknown key");
        assertRejected(BASE + "routingFallback: g\nqueryflux: {frontends: {trinoHttp: {prot: 1}}}\n",
                "queryflux.frontends.trinoHttp.prot", "unknown key");
    }

    @Test
    void rejectsWrongTypes() {
        assertRejected(BASE.replace("{members: [duck]}", "{members: [duck], maxRunningQueries: lots}")
                + "routingFallback: g\n", "clusterGroups.g.maxRunningQueries", "whole number");
        assertRejected(BASE.replace("{members: [duck]}", "{members: duck}") + "routingFallback: g\n",
                "clusterGroups.g.members", "must be a list");
        assertRejected(BASE.replace("{members: [duck]}", "{members: [duck], maxRunningQueries: 0}")
                + "routingFallback: g\n", "clusterGroups.g.maxRunningQueries", "at least 1");
        assertRejected(BASE + "routingFallback: g\nqueryflux: {frontends: {trinoHttp: {enabled: yes please}}}\n",
                "queryflux.frontends.trinoHttp.enabled", "true or false");
    }

    @Test
    void rejectsReferencesToNothing() {
        assertRejected(BASE.replace("[duck]", "[duck, ghost]") + "routingFallback: g\n", "clusterGroups.g.members[1]",
                "cluster 'ghost'");
        assertRejected(BASE + "routingFallback: nowhere\n", "routingFallback", "'nowhere'");
        assertRejected(BASE + "routingFallback: g\nrouters:\n  - {type: userGroup, userToGroup: {bob: missing}}\n",
                "routers[0]", "'missing'");
        assertRejected(BASE.replace("{engine: duckDb}", "{engine: oracle}") + "routingFallback: g\n",
                "clusters.duck.engine", "unknown value 'oracle'");
    }

    @Test
    void rejectsMissingFallbackAndBadRouters() {
        assertRejected(BASE, "routingFallback", "is required");
        assertRejected(BASE + "routingFallback: g\nrouters:\n  - {type: magic}\n", "routers[0].type", "unknown value");
        assertRejected(BASE + "routingFallback: g\nrouters:\n  - type: queryRegex\n    rules: [{regex: '(', targetGroup: g}]\n",
                "routers[0].rules[0].regex", "invalid regular expression");
        assertRejected(BASE + "routingFallback: g\nrouters:\n  - type: queryRegex\n    rules: [{regex: 'x'}]\n",
                "routers[0].rules[0].targetGroup", "required for action route");
        assertRejected(BASE + "routingFallback: g\nrouters:\n  - {type: header, headerName: X}\n",
                "routers[0].headerValueToGroup", "is required");
    }

    @Test
    void rejectsBadGroupSettings() {
        assertRejected(BASE.replace("{members: [duck]}", "{members: [duck], strategy: {type: random}}")
                + "routingFallback: g\n", "clusterGroups.g.strategy.type", "unknown value 'random'");
        assertRejected(BASE.replace("{members: [duck]}", "{members: [duck], strategy: {type: weighted, weights: {x: 2}}}")
                + "routingFallback: g\n", "clusterGroups.g.strategy.weights.x", "not a member");
        assertRejected(BASE.replace("{members: [duck]}",
                        "{members: [duck], strategy: {type: engineAffinity, preference: [oracle]}}")
                + "routingFallback: g\n", "clusterGroups.g.strategy.preference[0]", "unknown engine 'oracle'");
        assertRejected(BASE.replace("{members: [duck]}", "{members: [duck], overflowGroup: nowhere}")
                + "routingFallback: g\n", "clusterGroups.g.overflowGroup", "'nowhere'");
        assertRejected(BASE.replace("{members: [duck]}", "{members: [duck], translation: {mode: sloppy}}")
                + "routingFallback: g\n", "clusterGroups.g.translation.mode", "unknown value 'sloppy'");
        assertRejected(BASE + "routingFallback: g\ntranslation: {mode: strict, errorOnUnsupported: true}\n",
                "translation.errorOnUnsupported", "not both");
        assertRejected(BASE + "routingFallback: g\nqueryflux: {frontends: {trinoHttp: {port: 70000}}}\n",
                "queryflux.frontends.trinoHttp.port", "TCP port");
        assertRejected(BASE + "routingFallback: g\nqueryflux: {frontends: {postgresWire: {idleTransactionTimeoutSecs: -1}}}\n",
                "queryflux.frontends.postgresWire.idleTransactionTimeoutSecs", "at least 0");
        assertRejected(BASE + "routingFallback: g\nqueryflux: {frontends: {flightSql: {tls: {certChain: /x.pem}}}}\n",
                "queryflux.frontends.flightSql.tls", "both certChain and privateKey");
    }

    @Test
    void loadsPythonRoutersAndStrategiesAndCircuitBreakers() {
        String yaml = """
                clusters:
                  duck: {engine: duckDb, circuitBreaker: {windowSize: 10, failureRateThreshold: 0.3}}
                clusterGroups:
                  g:
                    members: [duck]
                    strategy:
                      type: pythonScript
                      script: |
                        def select_cluster(candidates, ctx):
                            return candidates[0]["name"]
                routingFallback: g
                routers:
                  - type: pythonScript
                    timeLimitMs: 200
                    script: |
                      def route(query, ctx):
                          return "g" if ctx["user"] == "py" else None
                """;
        ServerConfig config = loader.parse("py.yaml", yaml);
        try {
            assertEquals(1, config.routerChain().routers().size());
            assertEquals("g", config.routerChain().route(new QueryRequest("SELECT 1",
                    ClientSession.of(Protocol.TRINO_HTTP, "py"))).group().orElseThrow());
            assertTrue(config.routerChain().route(new QueryRequest("SELECT 1",
                    ClientSession.of(Protocol.TRINO_HTTP, "other"))).fallbackUsed());
            assertEquals("pythonScript", config.groups().get("g").strategy().create().type());
            assertEquals(0.3, config.clusters().get("duck").circuitBreaker().orElseThrow().failureRateThreshold());
            assertEquals(2, config.scripts().size());
        } finally {
            config.scripts().forEach(PythonScript::close);
        }
        assertRejected(BASE + "routingFallback: g\nrouters:\n  - {type: pythonScript, script: 'def route(q, ctx) return 1'}\n",
                "routers[0].script", "line");
        assertRejected(BASE + "routingFallback: g\nrouters:\n  - {type: pythonScript, script: 'def other(): pass'}\n",
                "routers[0].script", "route");
        assertRejected(BASE.replace("{engine: duckDb}", "{engine: duckDb, circuitBreaker: {failureRateThreshold: 2}}")
                + "routingFallback: g\n", "clusters.duck.circuitBreaker.failureRateThreshold", "at most 1");
    }

    @Test
    void readsQueryFluxTranslationSwitch() {
        ServerConfig config = loader.parse("t.yaml", BASE + "routingFallback: g\ntranslation: {errorOnUnsupported: true}\n");
        assertEquals(TranslationMode.STRICT, config.translation().mode());
    }

    @Test
    void rejectsUnsetEnvironmentVariables() {
        assertRejected(BASE.replace("{engine: duckDb}", "{engine: duckDb, databasePath: \"${NOT_SET_ANYWHERE}\"}")
                + "routingFallback: g\n", "clusters.duck.databasePath", "NOT_SET_ANYWHERE is not set");
    }

    @Test
    void usesEnvironmentDefaults() {
        ServerConfig config = loader.parse("t.yaml", BASE.replace("{engine: duckDb}",
                "{engine: duckDb, databasePath: \"${NOT_SET_ANYWHERE:-/tmp/d.duckdb}\"}") + "routingFallback: g\n");
        assertEquals("/tmp/d.duckdb", config.clusters().get("duck").settings().get("databasePath"));
    }

    @Test
    void rejectsInvalidYaml() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("bad.yaml", "clusters: [\n  a: b"));
        assertTrue(e.reason().contains("not valid YAML"), e.getMessage());
    }
}

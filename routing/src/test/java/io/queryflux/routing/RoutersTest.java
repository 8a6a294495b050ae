package io.queryflux.routing;

import static io.queryflux.routing.Requests.headers;
import static io.queryflux.routing.Requests.protocol;
import static io.queryflux.routing.Requests.request;
import static io.queryflux.routing.Requests.sql;
import static io.queryflux.routing.Requests.tags;
import static io.queryflux.routing.Requests.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.dispatch.Protocol;
import io.queryflux.routing.CompoundRouter.Combine;
import io.queryflux.routing.QueryRegexRouter.Action;
import io.queryflux.routing.QueryRegexRouter.Rule;
import io.queryflux.routing.RouterOutcome.Decision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each router type on its own: what routes, what passes, and the reason it gives. */
class RoutersTest {
    private static void assertRoutes(RouterOutcome outcome, String group, String reasonPart) {
        assertEquals(Decision.ROUTE, outcome.decision(), outcome.toString());
        assertEquals(Optional.of(group), outcome.group());
        assertTrue(outcome.reason().contains(reasonPart), outcome.reason());
    }

    private static void assertPasses(RouterOutcome outcome, String reasonPart) {
        assertEquals(Decision.PASS, outcome.decision(), outcome.toString());
        assertEquals(Optional.empty(), outcome.group());
        assertTrue(outcome.reason().contains(reasonPart), outcome.reason());
    }

    @Test
    void protocolBasedRoutesByFrontend() {
        Router router = new ProtocolRouter(Map.of(Protocol.POSTGRES_WIRE, "pg", Protocol.MYSQL_WIRE, "my"));
        assertRoutes(router.route(protocol(Protocol.POSTGRES_WIRE)), "pg", "postgresWire");
        assertRoutes(router.route(protocol(Protocol.MYSQL_WIRE)), "my", "mysqlWire");
        assertPasses(router.route(protocol(Protocol.TRINO_HTTP)), "trinoHttp");
        assertEquals(Set.of("pg", "my"), router.targetGroups());
    }

    @Test
    void headerRoutesByValueCaseInsensitiveName() {
        Router router = new HeaderRouter("X-Workload", Map.of("dashboard", "fast", "etl", "batch"));
        assertRoutes(router.route(headers(Map.of("x-workload", "dashboard"))), "fast", "dashboard");
        assertRoutes(router.route(headers(Map.of("X-WORKLOAD", "etl"))), "batch", "etl");
        assertPasses(router.route(headers(Map.of("x-workload", "adhoc"))), "'adhoc' maps to no group");
        assertPasses(router.route(headers(Map.of())), "absent");
        // Values are exact: a different case is a different value.
        assertPasses(router.route(headers(Map.of("x-workload", "ETL"))), "maps to no group");
    }

    @Test
    void userGroupRoutesByUser() {
        Router router = new UserGroupRouter(Map.of("etl-bot", "batch", "ceo", "fast"));
        assertRoutes(router.route(user("etl-bot")), "batch", "etl-bot");
        assertRoutes(router.route(user("ceo")), "fast", "ceo");
        assertPasses(router.route(user("bob")), "'bob' maps to no group");
    }

    @Test
    void queryRegexRoutesDeniesAndTriesRulesInOrder() {
        Router router = new QueryRegexRouter(List.of(
                new Rule(Pattern.compile("(?i)^\\s*DROP\\s"), Action.DENY, Optional.empty(),
                        Optional.of("DROP is not allowed through the proxy")),
                new Rule(Pattern.compile("(?i)\\bsecret_table\\b"), Action.DENY, Optional.empty(), Optional.empty()),
                new Rule(Pattern.compile("(?i)\\bjoin\\b"), Action.ROUTE, Optional.of("batch"), Optional.empty()),
                new Rule(Pattern.compile("(?i)select"), Action.ROUTE, Optional.of("fast"), Optional.empty())));

        RouterOutcome drop = router.route(sql("drop table t"));
        assertEquals(Decision.DENY, drop.decision());
        assertEquals("DROP is not allowed through the proxy", drop.reason());

        RouterOutcome secret = router.route(sql("SELECT * FROM secret_table"));
        assertEquals(Decision.DENY, secret.decision());
        assertTrue(secret.reason().contains("rule 1") && secret.reason().contains("secret_table"), secret.reason());

        // The join rule comes before the plain select rule, so it wins for a join.
        assertRoutes(router.route(sql("SELECT * FROM a JOIN b ON a.x = b.x")), "batch", "rule 2");
        assertRoutes(router.route(sql("SELECT 1")), "fast", "rule 3");
        assertPasses(router.route(sql("SHOW TABLES")), "no rule matched");
        assertEquals(Set.of("batch", "fast"), router.targetGroups());
    }

    @Test
    void queryRegexRouteRuleNeedsTargetGroup() {
        assertThrows(IllegalArgumentException.class,
                () -> new Rule(Pattern.compile("x"), Action.ROUTE, Optional.empty(), Optional.empty()));
    }

    @Test
    void tagsMatchKeyOnlyAndKeyValue() {
        Router router = new TagsRouter(List.of(
                new TagsRouter.Rule(Map.of("team", Optional.of("finance"), "priority", Optional.empty()), "fin-hi"),
                new TagsRouter.Rule(Map.of("team", Optional.of("finance")), "fin"),
                new TagsRouter.Rule(Map.of("etl", Optional.empty()), "batch")));

        // Key-only matches a bare tag and a tag with any value.
        assertRoutes(router.route(tags("etl")), "batch", "rule 2");
        assertRoutes(router.route(tags("etl=nightly")), "batch", "etl");
        // key=value needs that exact value.
        assertRoutes(router.route(tags("team=finance")), "fin", "team=finance");
        assertPasses(router.route(tags("team=sales")), "team=sales");
        assertPasses(router.route(tags("team")), "no rule matched");
        // A rule with two tags needs both; the first matching rule wins.
        assertRoutes(router.route(tags("team=finance", "priority=high")), "fin-hi", "rule 0");
        assertPasses(router.route(tags()), "no rule matched");
        // A value that merely starts with the wanted one does not match.
        assertPasses(router.route(tags("team=financeX", "etlx")), "no rule matched");
    }

    @Test
    void compoundAllNeedsEveryConditionOfEachKind() {
        List<Condition> conditions = List.of(
                new Condition.ProtocolIs(Protocol.POSTGRES_WIRE),
                new Condition.HeaderEquals("x-app", "bi"),
                new Condition.UserIs("dana"),
                new Condition.ClientTag("tier", Optional.of("gold")),
                new Condition.QueryMatches(Pattern.compile("(?i)group by")));
        Router router = new CompoundRouter(Combine.ALL, conditions, "gold");
        Map<String, String> biHeader = Map.of("X-App", "bi");
        Set<String> goldTag = Set.of("tier=gold");
        String groupBy = "SELECT a, count(*) FROM t GROUP BY a";

        assertRoutes(router.route(request(Protocol.POSTGRES_WIRE, "dana", biHeader, goldTag, groupBy)), "gold",
                "5 of 5 conditions held");
        // Each condition, broken alone, stops the match.
        assertPasses(router.route(request(Protocol.MYSQL_WIRE, "dana", biHeader, goldTag, groupBy)), "4 of 5");
        assertPasses(router.route(request(Protocol.POSTGRES_WIRE, "dana", Map.of("x-app", "etl"), goldTag, groupBy)),
                "4 of 5");
        assertPasses(router.route(request(Protocol.POSTGRES_WIRE, "erin", biHeader, goldTag, groupBy)), "4 of 5");
        assertPasses(router.route(request(Protocol.POSTGRES_WIRE, "dana", biHeader, Set.of("tier=silver"), groupBy)),
                "4 of 5");
        assertPasses(router.route(request(Protocol.POSTGRES_WIRE, "dana", biHeader, goldTag, "SELECT 1")), "4 of 5");
    }

    @Test
    void compoundAnyNeedsOneConditionOfAnyKind() {
        Router router = new CompoundRouter(Combine.ANY, List.of(
                new Condition.ProtocolIs(Protocol.FLIGHT_SQL),
                new Condition.HeaderEquals("x-app", "bi"),
                new Condition.UserIs("dana"),
                new Condition.ClientTag("adhoc", Optional.empty()),
                new Condition.QueryMatches(Pattern.compile("(?i)^explain"))), "any");

        assertRoutes(router.route(protocol(Protocol.FLIGHT_SQL)), "any", "protocol=flightSql");
        assertRoutes(router.route(headers(Map.of("x-app", "bi"))), "any", "header x-app=bi");
        assertRoutes(router.route(user("dana")), "any", "user=dana");
        assertRoutes(router.route(tags("adhoc=yes")), "any", "clientTag adhoc");
        assertRoutes(router.route(sql("EXPLAIN SELECT 1")), "any", "query ~");
        assertPasses(router.route(sql("SELECT 1")), "0 of 5 conditions held");
    }

    @Test
    void compoundNeedsConditions() {
        assertThrows(IllegalArgumentException.class, () -> new CompoundRouter(Combine.ANY, List.of(), "g"));
    }
}

package io.queryflux.routing;

import static io.queryflux.routing.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.dispatch.Protocol;
import io.queryflux.routing.QueryRegexRouter.Action;
import io.queryflux.routing.RouterOutcome.Decision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RouterChainTest {
    private final RouterChain chain = new RouterChain(List.of(
            new QueryRegexRouter(List.of(new QueryRegexRouter.Rule(Pattern.compile("(?i)^delete"), Action.DENY,
                    Optional.empty(), Optional.of("no deletes")))),
            new HeaderRouter("x-route", Map.of("a", "group-a")),
            new UserGroupRouter(Map.of("bob", "group-b")),
            new TagsRouter(List.of(new TagsRouter.Rule(Map.of("etl", Optional.empty()), "group-c")))),
            "fallback");

    @Test
    void firstRouterThatDecidesWins() {
        // Both the header router (index 1) and the user router (index 2) would match: the first wins.
        RoutingDecision decision = chain.route(request(Protocol.TRINO_HTTP, "bob", Map.of("x-route", "a"),
                Set.of("etl"), "SELECT 1"));
        assertEquals(Optional.of("group-a"), decision.group());
        assertFalse(decision.fallbackUsed());
        assertEquals(2, decision.steps().size(), "routers after the deciding one are not consulted");
        assertEquals(Decision.PASS, decision.steps().get(0).outcome().decision());
        assertEquals("queryRegex", decision.steps().get(0).type());
        assertEquals(Decision.ROUTE, decision.steps().get(1).outcome().decision());
        assertEquals(1, decision.steps().get(1).index());
    }

    @Test
    void laterRouterDecidesWhenEarlierPass() {
        RoutingDecision decision = chain.route(request(Protocol.TRINO_HTTP, "carol", Map.of(), Set.of("etl=x"),
                "SELECT 1"));
        assertEquals(Optional.of("group-c"), decision.group());
        assertEquals(List.of("queryRegex", "header", "userGroup", "tags"),
                decision.steps().stream().map(RouterStep::type).toList());
        assertEquals("header x-route absent", decision.steps().get(1).outcome().reason());
        assertEquals("user 'carol' maps to no group", decision.steps().get(2).outcome().reason());
    }

    @Test
    void fallbackWhenNoRouterDecides() {
        RoutingDecision decision = chain.route(request(Protocol.MYSQL_WIRE, "carol", Map.of(), Set.of(), "SELECT 1"));
        assertEquals(Optional.of("fallback"), decision.group());
        assertTrue(decision.fallbackUsed());
        assertEquals(4, decision.steps().size());
        assertTrue(decision.steps().stream().allMatch(s -> s.outcome().decision() == Decision.PASS));
    }

    @Test
    void denyStopsTheChain() {
        RoutingDecision decision = chain.route(request(Protocol.TRINO_HTTP, "bob", Map.of("x-route", "a"), Set.of(),
                "DELETE FROM t"));
        assertEquals(Optional.empty(), decision.group());
        assertEquals(Optional.of("no deletes"), decision.denial());
        assertEquals(1, decision.steps().size());
        assertFalse(decision.fallbackUsed());
    }

    @Test
    void emptyChainFallsBack() {
        RoutingDecision decision = new RouterChain(List.of(), "only").route(Requests.sql("SELECT 1"));
        assertEquals(Optional.of("only"), decision.group());
        assertTrue(decision.fallbackUsed());
        assertTrue(decision.steps().isEmpty());
    }
}

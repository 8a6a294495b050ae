package io.queryflux.bench;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.routing.CompoundRouter;
import io.queryflux.routing.Condition;
import io.queryflux.routing.HeaderRouter;
import io.queryflux.routing.QueryRegexRouter;
import io.queryflux.routing.Router;
import io.queryflux.routing.RouterChain;
import io.queryflux.routing.RoutingDecision;
import io.queryflux.routing.TagsRouter;
import io.queryflux.routing.UserGroupRouter;
import io.queryflux.routing.python.PythonRouter;
import io.queryflux.routing.python.PythonScript;
import io.queryflux.routing.python.ScriptObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Routing decision latency for a chain of 20 routers (regex, header, user, tags, compound) that
 * a dashboard query passes all the way through to the fallback (the worst case), with and
 * without a Python router at the end. Run with bench/routing-decision.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingDecisionBenchmark {
    @Param({"false", "true"})
    public boolean python;

    private RouterChain chain;
    private PythonScript script;
    private final QueryRequest request = new QueryRequest(
            "SELECT region, sum(amount) FROM sales WHERE day > date '2026-01-01' GROUP BY region ORDER BY 2 DESC",
            new ClientSession(Protocol.POSTGRES_WIRE, "dashboard", Optional.of("grafana"), Optional.of("lake"),
                    Optional.of("sales"), Map.of("x-app", "grafana", "x-env", "prod"), Set.of("team=bi", "tier"),
                    Map.of("query_max_run_time", "10m")));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<Router> routers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            routers.add(new QueryRegexRouter(List.of(
                    new QueryRegexRouter.Rule(Pattern.compile("(?i)^\\s*(DROP|TRUNCATE)\\s+table_" + i), 
                            QueryRegexRouter.Action.DENY, Optional.empty(), Optional.empty()),
                    new QueryRegexRouter.Rule(Pattern.compile("(?i)\\bfrom\\s+etl_" + i + "\\b"),
                            QueryRegexRouter.Action.ROUTE, Optional.of("batch"), Optional.empty()))));
            routers.add(new HeaderRouter("x-route-" + i, Map.of("a", "batch", "b", "fast")));
            routers.add(new UserGroupRouter(Map.of("etl_" + i, "batch", "admin_" + i, "fast")));
            routers.add(new TagsRouter(List.of(new TagsRouter.Rule(Map.of("team", Optional.of("etl" + i)), "batch"),
                    new TagsRouter.Rule(Map.of("nightly" + i, Optional.empty()), "batch"))));
            routers.add(new CompoundRouter(CompoundRouter.Combine.ALL, List.of(
                    new Condition.ProtocolIs(Protocol.MYSQL_WIRE),
                    new Condition.HeaderEquals("x-env", "prod"),
                    new Condition.ClientTag("team", Optional.of("bi")),
                    new Condition.QueryMatches(Pattern.compile("(?i)\\bjoin\\b"))), "fast"));
        }
        if (python) {
            script = PythonScript.inline("bench.py", """
                    def route(query, ctx):
                        if ctx.user.startswith("etl") and "nightly" in ctx.client_tags:
                            return "batch"
                        return None
                    """, new PythonScript.Limits(Duration.ofSeconds(1), 4), ScriptObserver.NONE);
            routers.add(PythonRouter.create(script, Set.of("batch", "fast")));
        }
        chain = new RouterChain(routers, "fallback");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (script != null) {
            script.close();
        }
    }

    @Benchmark
    public RoutingDecision decide() {
        return chain.route(request);
    }
}

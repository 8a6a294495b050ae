package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.StatementDescription;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.routing.RouterChain;
import io.queryflux.testing.DuckDbDispatcher;
import io.queryflux.testing.ProbedEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A describe-only request reaches only engines that describe without running: DuckDB prepares
 * the statement and says what it returns and what its parameters are; for any other engine the
 * dispatcher refuses it before the engine sees it.
 */
class StatementDescriptionDispatchTest {
    private static QueryRequest describe(String sql) {
        return new QueryRequest(sql, new ClientSession(Protocol.POSTGRES_WIRE, "u", Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Set.of(), Map.of()), Set.of(StatementDescription.REQUEST));
    }

    private static long count(QueryDispatcher dispatcher, String table) throws QueryException {
        try (RunningQuery query = dispatcher.submit(new QueryRequest("SELECT count(*) FROM " + table,
                describe("").session()))) {
            ResultCursor rows = query.start();
            rows.next();
            return ((Number) rows.value(0)).longValue();
        }
    }

    @Test
    void duckDbDescribesAStatementWithoutRunningIt() throws Exception {
        try (DuckDbDispatcher duckDb = DuckDbDispatcher.start()) {
            QueryDispatcher dispatcher = duckDb.dispatcher();
            try (RunningQuery create = dispatcher.submit(new QueryRequest(
                    "CREATE TABLE sales (id INTEGER, region VARCHAR, sold DATE)", describe("").session()))) {
                create.start();
            }
            try (RunningQuery query = dispatcher.submit(describe(
                    "INSERT INTO sales VALUES ($1, $2, $3) RETURNING id, upper(region) AS r"))) {
                StatementDescription d = assertInstanceOf(StatementDescription.class, query.start());
                assertEquals(List.of(SqlType.INTEGER, SqlType.VARCHAR, SqlType.DATE), d.parameterTypes());
                assertEquals(List.of(new Column("id", SqlType.INTEGER), new Column("r", SqlType.VARCHAR)), d.columns());
            }
            try (RunningQuery query = dispatcher.submit(describe("SELECT $1"))) {
                StatementDescription d = assertInstanceOf(StatementDescription.class, query.start());
                assertEquals(List.of(SqlType.UNKNOWN), d.parameterTypes()); // nothing to infer it from
            }
            assertEquals(0, count(dispatcher, "sales"));
            assertEquals(0, duckDb.group().runningQueries());
            assertEquals(List.of(QueryStatus.SUCCEEDED), duckDb.finished().subList(1, 2)); // a description succeeds
        }
    }

    @Test
    void anEngineThatWouldRunTheStatementIsNotAsked() throws Exception {
        // An engine that does not say it describes is never given the request (Trino or Athena would run
        // the INSERT): here DuckDB behind a probe, which does not say so, and records every run.
        ProbedEngine engine = new ProbedEngine(DuckDbEngine.open(Optional.empty()), Duration.ZERO);
        try (engine) {
            ClusterGroup group = new ClusterGroup("g", List.of(new Cluster("c", engine, true, Integer.MAX_VALUE)),
                    new GroupLimits(1, 10, Duration.ofSeconds(5)), new RoundRobinStrategy(), true);
            QueryDispatcher dispatcher = new QueryDispatcher(new RouterChain(List.of(), "g"), Map.of("g", group),
                    QueryObserver.NONE);
            try (RunningQuery create = dispatcher.submit(new QueryRequest("CREATE TABLE t (id INTEGER)",
                    describe("").session()))) {
                create.start();
            }
            engine.reset();
            try (RunningQuery query = dispatcher.submit(describe("INSERT INTO t VALUES (1)"))) {
                QueryException refused = assertThrows(QueryException.class, query::start);
                assertEquals(ErrorCode.NOT_SUPPORTED, refused.code());
            }
            assertEquals(List.of(), engine.startOrder());
            assertEquals(0, count(dispatcher, "t"));
            assertEquals(0, group.runningQueries());
        }
    }
}

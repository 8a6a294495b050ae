package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.Cluster;
import io.queryflux.cluster.ClusterGroup;
import io.queryflux.cluster.GroupLimits;
import io.queryflux.cluster.RoundRobinStrategy;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.duckdb.DuckDbEngine;
import io.queryflux.routing.HeaderRouter;
import io.queryflux.routing.RouterChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's transaction block on embedded DuckDB: bound to the cluster of its first statement,
 * holding that group slot and one connection until it ends; a rollback undoes its writes.
 */
class ClientTransactionTest {
    private static DuckDbEngine duckDb;
    private static ClusterGroup first;
    private static ClusterGroup second;
    private static QueryDispatcher dispatcher;

    @BeforeAll
    static void start() throws Exception {
        duckDb = DuckDbEngine.open(Optional.empty());
        first = new ClusterGroup("first", List.of(new Cluster("duck-first", duckDb, true, Integer.MAX_VALUE)),
                new GroupLimits(2, 10, Duration.ofSeconds(30)), new RoundRobinStrategy(), true);
        second = new ClusterGroup("second", List.of(new Cluster("duck-second", duckDb, true, Integer.MAX_VALUE)),
                new GroupLimits(2, 10, Duration.ofSeconds(30)), new RoundRobinStrategy(), true);
        dispatcher = new QueryDispatcher(new RouterChain(List.of(new HeaderRouter("x-lane", Map.of("second", "second"))),
                "first"), Map.of("first", first, "second", second), QueryObserver.NONE);
        rows(dispatcher.submit(request("CREATE TABLE ledger (id INTEGER)", Map.of())));
    }

    @AfterAll
    static void stop() {
        duckDb.close();
    }

    private static QueryRequest request(String sql, Map<String, String> headers) {
        return new QueryRequest(sql, new ClientSession(Protocol.POSTGRES_WIRE, "erin", Optional.empty(),
                Optional.empty(), Optional.empty(), headers, Set.of(), Map.of()));
    }

    private static List<Object> rows(RunningQuery query) throws QueryException {
        try (query) {
            ResultCursor cursor = query.start();
            List<Object> values = new ArrayList<>();
            while (cursor.next()) {
                values.add(cursor.value(0));
            }
            return values;
        }
    }

    private static long count() throws QueryException {
        return ((Number) rows(dispatcher.submit(request("SELECT count(*) FROM ledger", Map.of()))).get(0)).longValue();
    }

    @Test
    void aBlockRunsWhereItsFirstStatementRanAndARollbackUndoesIt() throws Exception {
        long before = count();
        try (ClientTransaction block = new ClientTransaction()) {
            RunningQuery insert = dispatcher.submit(request("INSERT INTO ledger VALUES (1)", Map.of()), block);
            rows(insert);
            assertTrue(block.isBound());
            assertEquals(Optional.of("duck-first"), block.cluster());
            // The block holds its slot while idle, and only one.
            assertEquals(1, first.runningQueries());
            assertEquals(1, first.openTransactions());
            assertEquals(List.of(insert.id()), dispatcher.transactions().all().stream().map(OpenTransaction::boundBy)
                    .toList());

            // Routed alone this would go to "second"; in the block it runs on the block's connection.
            RunningQuery inBlock = dispatcher.submit(request("SELECT count(*) FROM ledger", Map.of("x-lane", "second")),
                    block);
            assertEquals(before + 1, ((Number) rows(inBlock).get(0)).longValue());
            QueryTrace trace = inBlock.trace();
            assertEquals(Optional.of(insert.id()), trace.transactionOf());
            assertEquals(Optional.of("first"), trace.group());
            assertEquals(Optional.of("duck-first"), trace.cluster());
            assertEquals(0, second.runningQueries());
            assertEquals(1, first.runningQueries());

            // Outside the block the insert is not visible yet.
            assertEquals(before, count());
            block.rollback();
            assertFalse(block.isBound());
            assertEquals(0, first.runningQueries());
            assertEquals(0, first.openTransactions());
            assertEquals(List.of(), dispatcher.transactions().all());
        }
        assertEquals(before, count());
    }

    @Test
    void aCommitKeepsTemporaryTablesForTheBlockAndTheWritesAfterIt() throws Exception {
        long before = count();
        try (ClientTransaction block = new ClientTransaction()) {
            rows(dispatcher.submit(request("CREATE TEMP TABLE staged AS SELECT 7 AS id", Map.of()), block));
            rows(dispatcher.submit(request("INSERT INTO ledger SELECT id FROM staged", Map.of()), block));
            block.commit();
            assertEquals(0, first.runningQueries());
        }
        assertEquals(before + 1, count());
        // The temporary table went with the block's connection.
        QueryException gone = assertThrows(QueryException.class,
                () -> rows(dispatcher.submit(request("SELECT * FROM staged", Map.of()))));
        assertTrue(gone.getMessage().contains("staged"), gone.getMessage());
    }

    @Test
    void aFailedStatementLeavesTheBlockBoundUntilItIsRolledBackAndClosingRollsBack() throws Exception {
        long before = count();
        ClientTransaction block = new ClientTransaction();
        rows(dispatcher.submit(request("INSERT INTO ledger VALUES (2)", Map.of()), block));
        assertThrows(QueryException.class, () -> rows(dispatcher.submit(request("SELECT * FROM missing", Map.of()), block)));
        assertTrue(block.isBound());
        // A client that goes away mid-block: its connection's close rolls the block back.
        block.close();
        assertEquals(0, first.runningQueries());
        assertEquals(before, count());
    }
}

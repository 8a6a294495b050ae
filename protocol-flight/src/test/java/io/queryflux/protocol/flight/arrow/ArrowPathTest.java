package io.queryflux.protocol.flight.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.Column;
import io.queryflux.engine.ResultCursor;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.arrow.ArrowExportable;
import io.queryflux.testing.DuckDbDispatcher;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DuckDB Arrow fast path sends exactly what the row path sends: the same schema (types,
 * names, Flight SQL metadata) and the same values, for every type DuckDB has, nulls included.
 */
class ArrowPathTest {
    /** Every DuckDB type, one row of values and one of NULLs, in batches of 2 rows. */
    private static final String ALL_TYPES = """
            SELECT * FROM (VALUES
              (TRUE, -7::TINYINT, 300::SMALLINT, 70000, 9000000000, 200::UTINYINT, 60000::USMALLINT,
               4000000000::UINTEGER, 18000000000000000000::UBIGINT, -12345678901234567890123456789012345678::HUGEINT,
               1.5::REAL, 2.25::DOUBLE, 12345.678::DECIMAL(10,3),
               123456789012345678901234567890.12345678::DECIMAL(38,8), 'héllo', 'x'::CHAR(3), '\\xAA\\xBB'::BLOB,
               DATE '2024-02-29', TIME '12:34:56.123456', TIMESTAMP '2024-02-29 12:34:56.123456',
               '2024-02-29 12:34:56'::TIMESTAMP_S, '2024-02-29 12:34:56.123'::TIMESTAMP_MS,
               '2024-02-29 12:34:56.123456789'::TIMESTAMP_NS, TIMESTAMPTZ '2024-02-29 12:34:56.123456+02',
               [1, 2, NULL], {'a': 1, 'b': 'x'}, MAP {'k': 1}, [{'p': [1.5::DOUBLE]}],
               '1b4e28ba-2fa1-11d2-883f-0016d3cca427'::UUID, 'sad'::ENUM('happy', 'sad'), NULL),
              (NULL::BOOLEAN, NULL::TINYINT, NULL::SMALLINT, NULL::INTEGER, NULL::BIGINT, NULL::UTINYINT,
               NULL::USMALLINT, NULL::UINTEGER, NULL::UBIGINT, NULL::HUGEINT, NULL::REAL, NULL::DOUBLE,
               NULL::DECIMAL(10,3), NULL::DECIMAL(38,8), NULL::VARCHAR, NULL::CHAR(3), NULL::BLOB, NULL::DATE,
               NULL::TIME, NULL::TIMESTAMP, NULL::TIMESTAMP_S, NULL::TIMESTAMP_MS, NULL::TIMESTAMP_NS,
               NULL::TIMESTAMPTZ, NULL::INTEGER[], NULL::STRUCT(a INTEGER, b VARCHAR), NULL::MAP(VARCHAR, INTEGER),
               NULL::STRUCT(p DOUBLE[])[], NULL::UUID, NULL::ENUM('happy', 'sad'), NULL),
              (FALSE, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, '', ' ', ''::BLOB, DATE '1970-01-01', TIME '00:00:00',
               TIMESTAMP '1970-01-01 00:00:00', '1969-12-31 23:59:59'::TIMESTAMP_S, '1900-01-01'::TIMESTAMP_MS,
               '2262-01-01'::TIMESTAMP_NS, TIMESTAMPTZ '1999-12-31 23:59:59.999999-08', [], {'a': NULL, 'b': NULL},
               MAP {}, [], '00000000-0000-0000-0000-000000000000'::UUID, 'happy', NULL))
            AS t(b, ti, si, i, bi, ut, us, ui, ub, hi, r, d, dec, wide, s, c, bin, dt, t, ts, ts_s, ts_ms, ts_ns,
                 tstz, arr, st, m, nested, u, e, n)
            """;

    private static DuckDbDispatcher duck;
    private static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        duck = DuckDbDispatcher.start();
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        allocator.close();
        duck.close();
    }

    @Test
    void arrowPathSendsWhatTheRowPathSends() throws Exception {
        Captured rows = capture(false);
        Captured arrow = capture(true);
        assertEquals(rows.schema, arrow.schema);
        assertEquals(3, rows.batches.stream().mapToInt(Batch::rows).sum());
        assertEquals(rows.batches, arrow.batches);
        assertEquals(0, allocator.getAllocatedMemory(), "every buffer released");
        assertEquals(0, duck.group().runningQueries());
    }

    /** DuckDB declares INTERVAL as varchar; the Arrow path sends Arrow's text of the value. */
    @Test
    void typesDeclaredAsTextForWantOfACounterpartArriveAsText() throws Exception {
        Captured arrow = capture("SELECT INTERVAL '1 day 2 hours' AS iv, NULL::INTERVAL AS none", true);
        assertEquals(ArrowSchemas.schema(List.of(new Column("iv", SqlType.VARCHAR), new Column("none", SqlType.VARCHAR))),
                arrow.schema);
        assertEquals(List.of(new Batch(1, "P1D PT2H|null|\n")), arrow.batches);
    }

    private static Captured capture(boolean arrowPath) throws Exception {
        return capture(ALL_TYPES, arrowPath);
    }

    private static Captured capture(String sql, boolean arrowPath) throws Exception {
        Captured captured = new Captured();
        BatchStreamer streamer = new BatchStreamer(allocator, 2, 1 << 20);
        RunningQuery query = duck.dispatcher().submit(
                new QueryRequest(sql, ClientSession.of(Protocol.FLIGHT_SQL, "u")));
        try {
            ResultCursor cursor = query.start();
            Schema schema = ArrowSchemas.schema(cursor.columns());
            if (arrowPath) {
                streamer.streamArrow(assertInstanceOf(ArrowExportable.class, cursor), schema, captured);
            } else {
                streamer.streamRows(cursor, schema, captured);
            }
        } finally {
            query.close();
        }
        assertTrue(captured.completed, "stream completed");
        return captured;
    }

    private record Batch(int rows, String content) {}

    /** A listener that keeps the text of every batch it is sent. */
    private static final class Captured implements ServerStreamListener {
        private final List<Batch> batches = new ArrayList<>();
        private VectorSchemaRoot root;
        private Schema schema;
        private boolean completed;

        @Override
        public void start(VectorSchemaRoot root, DictionaryProvider dictionaries, IpcOption option) {
            this.root = root;
            this.schema = root.getSchema();
        }

        @Override
        public void putNext() {
            StringBuilder text = new StringBuilder();
            for (int r = 0; r < root.getRowCount(); r++) {
                for (FieldVector vector : root.getFieldVectors()) {
                    Object value = vector.getObject(r);
                    text.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value).append('|');
                }
                text.append('\n');
            }
            batches.add(new Batch(root.getRowCount(), text.toString()));
        }

        @Override
        public void putNext(ArrowBuf metadata) {
            putNext();
        }

        @Override
        public void putMetadata(ArrowBuf metadata) {}

        @Override
        public void error(Throwable error) {
            throw new AssertionError(error);
        }

        @Override
        public void completed() {
            completed = true;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable handler) {}

        @Override
        public void setOnReadyHandler(Runnable handler) {}

        @Override
        public void setUseZeroCopy(boolean enabled) {}
    }
}

package io.queryflux.protocol.flight.bench;

import io.queryflux.auth.NoAuthProvider;
import io.queryflux.auth.StaticAuthProvider;
import io.queryflux.protocol.pg.PgFrontend;
import io.queryflux.protocol.pg.PgFrontendConfig;
import io.queryflux.protocol.flight.FlightSqlFrontend;
import io.queryflux.protocol.flight.FlightSqlFrontendConfig;
import io.queryflux.testing.DuckDbDispatcher;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * Reads one 4-column result of N rows from DuckDB through each path and prints rows/s, MB/s and
 * the ratio to the in-process row limit (duckdb_jdbc getters). Every leg reads every value, and MB counts the same payload
 * (8 bytes per number, the UTF-8 bytes of each string) so legs compare. Run by
 * {@code bench/flight-sql-read.sh}.
 */
public final class FlightReadBenchmark {
    private static final String PG_USER = "bench";
    private static final String PG_PASSWORD = "bench";

    /** One way of reading the result; returns the payload bytes read. */
    interface Leg {
        String name();

        long read(String sql, long expectedRows) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String sql = "SELECT i, i * 2 AS j, i / 3 AS d, 'row ' || (i % 1000) AS s FROM range(" + rows + ") t(i)";
        try (DuckDbDispatcher duck = DuckDbDispatcher.start();
                FlightSqlFrontend frontend = FlightSqlFrontend.start(FlightSqlFrontendConfig.plain("127.0.0.1", 0),
                        duck.dispatcher(), new NoAuthProvider());
                PgFrontend pg = PgFrontend.start(PgFrontendConfig.of("127.0.0.1", 0), duck.dispatcher(),
                        new StaticAuthProvider(Map.of(PG_USER, new StaticAuthProvider.User(PG_PASSWORD, Set.of()))))) {
            List<Leg> legs = List.of(new DuckDbJdbcLeg(), new DuckDbArrowLeg(), new FlightSqlLeg(frontend.port()),
                    new PgJdbcLeg(pg.port()));
            double limit = 0;
            System.out.printf("%d rows x 4 columns, best of %d runs%n", rows, runs);
            for (Leg leg : legs) {
                double best = Double.MAX_VALUE;
                long bytes = 0;
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    bytes = leg.read(sql, rows);
                    best = Math.min(best, (System.nanoTime() - start) / 1e9);
                }
                double rowsPerSecond = rows / best;
                if (limit == 0) {
                    limit = rowsPerSecond;
                }
                System.out.printf("%-28s %8.2f s %12.0f rows/s %8.1f MB/s  %5.2f of the limit%n", leg.name(), best,
                        rowsPerSecond, bytes / best / 1e6, rowsPerSecond / limit);
            }
            System.out.printf("proxy peak Arrow memory: %.1f MB%n", frontend.peakAllocatedBytes() / 1e6);
        }
    }

    /** The limit: DuckDB's JDBC driver in process, reading with the typed getters. */
    static final class DuckDbJdbcLeg implements Leg {
        @Override
        public String name() {
            return "duckdb_jdbc in-process";
        }

        @Override
        public long read(String sql, long expectedRows) throws Exception {
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            long bytes = 0;
            long count = 0;
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:", properties);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getLong(2);
                    rs.getDouble(3);
                    bytes += 24 + rs.getString(4).getBytes(StandardCharsets.UTF_8).length;
                    count++;
                }
            }
            check(count, expectedRows);
            return bytes;
        }
    }

    /** DuckDB's own Arrow export in process: what the proxy's Flight leg forwards. */
    static final class DuckDbArrowLeg implements Leg {
        @Override
        public String name() {
            return "duckdb Arrow in-process";
        }

        @Override
        public long read(String sql, long expectedRows) throws Exception {
            long bytes = 0;
            long count = 0;
            try (RootAllocator allocator = new RootAllocator();
                    Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql);
                    ArrowReader reader = (ArrowReader) rs.unwrap(DuckDBResultSet.class)
                            .arrowExportStream(allocator, FlightSqlFrontendConfig.DEFAULT_BATCH_ROWS)) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    bytes += readBatch(root);
                    count += root.getRowCount();
                }
            }
            check(count, expectedRows);
            return bytes;
        }
    }

    /** pgjdbc against the proxy's PostgreSQL port, fetching 10,000 rows at a time. */
    static final class PgJdbcLeg implements Leg {
        private final int port;

        PgJdbcLeg(int port) {
            this.port = port;
        }

        @Override
        public String name() {
            return "proxy PostgreSQL (pgjdbc)";
        }

        @Override
        public long read(String sql, long expectedRows) throws Exception {
            long bytes = 0;
            long count = 0;
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/memory",
                    PG_USER, PG_PASSWORD)) {
                c.setAutoCommit(false); // pgjdbc fetches in portions only inside a transaction
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(10_000);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            rs.getLong(1);
                            rs.getLong(2);
                            rs.getDouble(3);
                            bytes += 24 + rs.getString(4).getBytes(StandardCharsets.UTF_8).length;
                            count++;
                        }
                    }
                }
            }
            check(count, expectedRows);
            return bytes;
        }
    }

    /** Arrow's FlightSqlClient against the proxy's Flight SQL port on loopback. */
    static final class FlightSqlLeg implements Leg {
        private final int port;

        FlightSqlLeg(int port) {
            this.port = port;
        }

        @Override
        public String name() {
            return "proxy Flight SQL (loopback)";
        }

        @Override
        public long read(String sql, long expectedRows) throws Exception {
            long bytes = 0;
            long count = 0;
            try (RootAllocator allocator = new RootAllocator();
                    FlightSqlClient client = new FlightSqlClient(
                            FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", port)).build())) {
                FlightInfo info = client.execute(sql);
                try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket())) {
                    while (stream.next()) {
                        VectorSchemaRoot root = stream.getRoot();
                        bytes += readBatch(root);
                        count += root.getRowCount();
                    }
                }
            }
            check(count, expectedRows);
            return bytes;
        }
    }

    /** Reads every value of a batch; returns the payload bytes. */
    private static long readBatch(VectorSchemaRoot root) {
        BigIntVector i = (BigIntVector) root.getVector(0);
        BigIntVector j = (BigIntVector) root.getVector(1);
        Float8Vector d = (Float8Vector) root.getVector(2);
        VarCharVector s = (VarCharVector) root.getVector(3);
        long bytes = 0;
        for (int r = 0; r < root.getRowCount(); r++) {
            i.get(r);
            j.get(r);
            d.get(r);
            bytes += 24 + s.getValueLength(r);
        }
        return bytes;
    }

    private static void check(long count, long expected) {
        if (count != expected) {
            throw new IllegalStateException("read " + count + " rows, expected " + expected);
        }
    }
}

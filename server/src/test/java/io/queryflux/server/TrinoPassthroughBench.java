package io.queryflux.server;

import io.queryflux.routing.python.ScriptObserver;
import io.queryflux.server.config.ConfigLoader;
import io.queryflux.server.config.ServerConfig;
import io.queryflux.testing.TestingTrinoServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows per second read with trino-jdbc from the test Trino: straight, through the proxy with the
 * raw passthrough, and through the proxy decoding and re-encoding every value. Run by
 * {@code bench/trino-passthrough.sh [rows] [runs]}; prints the median of the runs, which take
 * turns so that machine load hits every path alike.
 */
public final class TrinoPassthroughBench {
    private static final String CONFIG = """
            queryflux:
              frontends:
                trinoHttp: {port: 0, rawPassthrough: %s}
              adminApi: {port: 0}
            clusters:
              trino: {engine: trino, endpoint: "%s"}
            clusterGroups:
              main: {members: [trino], maxRunningQueries: 4}
            routingFallback: main
            """;

    private TrinoPassthroughBench() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String sql = "SELECT orderkey, partkey, quantity, extendedprice, shipdate, comment FROM tpch.sf1.lineitem LIMIT " + rows;
        TestingTrinoServer trino = TestingTrinoServer.get();
        try (QueryFluxServer passthrough = start(true, trino); QueryFluxServer decoded = start(false, trino)) {
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("Trino directly", trino.jdbcUrl());
            urls.put("proxy, raw passthrough", "jdbc:trino://127.0.0.1:" + passthrough.trinoPort().orElseThrow());
            urls.put("proxy, decoded and re-encoded", "jdbc:trino://127.0.0.1:" + decoded.trinoPort().orElseThrow());
            Map<String, double[]> rates = new LinkedHashMap<>();
            urls.keySet().forEach(name -> rates.put(name, new double[runs]));
            for (String url : urls.values()) {
                read(url, sql, rows); // warm-up
            }
            for (int run = 0; run < runs; run++) {
                for (Map.Entry<String, String> entry : urls.entrySet()) {
                    long start = System.nanoTime();
                    read(entry.getValue(), sql, rows);
                    rates.get(entry.getKey())[run] = rows / ((System.nanoTime() - start) / 1e9);
                }
            }
            System.out.printf("%,d rows (bigint, bigint, double, double, date, varchar) with trino-jdbc:%n", rows);
            rates.forEach((name, values) -> {
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                System.out.printf("%-32s %,12.0f rows/s (median of %d, min %,.0f, max %,.0f)%n",
                        name, sorted[runs / 2], runs, sorted[0], sorted[runs - 1]);
            });
        }
        System.exit(0);
    }

    private static QueryFluxServer start(boolean rawPassthrough, TestingTrinoServer trino) {
        ServerConfig config = new ConfigLoader(EngineFactories.settingKeys(), n -> null,
                ScriptObserver.NONE).parse("bench.yaml", CONFIG.formatted(rawPassthrough, trino.uri()));
        return QueryFluxServer.start(config);
    }

    private static void read(String url, String sql, long expected) throws Exception {
        long count = 0;
        try (Connection connection = DriverManager.getConnection(url, "bench", null);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rs.getLong(1);
                rs.getLong(2);
                rs.getDouble(3);
                rs.getDouble(4);
                rs.getString(5);
                rs.getString(6);
                count++;
            }
        }
        if (count != expected) {
            throw new IllegalStateException("read " + count + " rows, expected " + expected);
        }
    }
}

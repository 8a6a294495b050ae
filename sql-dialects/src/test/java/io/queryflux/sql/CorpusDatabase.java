package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

/**
 * A database loaded with the corpus data set (corpus/schema.sql), returning rows in the corpus's
 * text form, so that DuckDB, PostgreSQL and MariaDB results compare with the same expected rows.
 */
final class CorpusDatabase implements AutoCloseable {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Connection connection;

    /**
     * @param utc the statement that sets the session time zone to UTC
     * @param ddl adapts each statement of schema.sql to the engine's spelling
     */
    CorpusDatabase(Connection connection, String utc, UnaryOperator<String> ddl) throws SQLException {
        this.connection = requireNonNull(connection, "connection is null");
        try (Statement statement = connection.createStatement()) {
            statement.execute(utc);
            for (String sql : CorpusCase.resource("corpus/schema.sql").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(ddl.apply(sql));
                }
            }
        }
    }

    static CorpusDatabase duckDb() throws SQLException {
        return new CorpusDatabase(DriverManager.getConnection("jdbc:duckdb:"), "SET TimeZone = 'UTC'",
                UnaryOperator.identity());
    }

    List<String> query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringJoiner row = new StringJoiner("|");
                for (int c = 1; c <= columns; c++) {
                    // pgjdbc reads timestamptz into a Timestamp in the JVM's zone; ask for the instant.
                    Object value = meta.getColumnTypeName(c).equalsIgnoreCase("timestamptz")
                            ? rs.getObject(c, OffsetDateTime.class)
                            : rs.getObject(c);
                    row.add(text(value));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    /** The result's column labels, as the database names them. */
    List<String> labels(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> labels = new ArrayList<>(meta.getColumnCount());
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                labels.add(meta.getColumnLabel(c));
            }
            return labels;
        }
    }

    /** The corpus's text form of a value: decimals without trailing zeros, timestamps to the second. */
    static String text(Object value) {
        return switch (value) {
            case null -> "NULL";
            case BigDecimal d -> plain(d);
            // From the shortest decimal that reads back as the same double, as engines print them:
            // the binary expansion of 99.99 rounds to 99.98999999999999 at 16 digits.
            case Double d -> plain(BigDecimal.valueOf(d).round(MathContext.DECIMAL64));
            case Float f -> plain(new BigDecimal(Float.toString(f)).round(MathContext.DECIMAL32));
            case java.sql.Timestamp t -> timestamp(t.toLocalDateTime());
            case LocalDateTime t -> timestamp(t);
            case OffsetDateTime t -> timestamp(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            case java.sql.Date d -> d.toLocalDate().toString();
            case LocalDate d -> d.toString();
            default -> value.toString();
        };
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static String timestamp(LocalDateTime t) {
        String whole = t.format(TIMESTAMP);
        return t.getNano() == 0 ? whole : whole + "." + String.format("%06d", t.getNano() / 1000).replaceAll("0+$", "");
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

package io.queryflux.sql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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

/** An in-memory DuckDB with the corpus data set, returning rows in the corpus's text form. */
final class DuckDbRows implements AutoCloseable {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Connection connection;

    DuckDbRows() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            for (String ddl : CorpusCase.resource("corpus/schema.sql").split(";")) {
                if (!ddl.isBlank()) {
                    statement.execute(ddl);
                }
            }
        }
    }

    List<String> query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringJoiner row = new StringJoiner("|");
                for (int c = 1; c <= columns; c++) {
                    row.add(text(rs.getObject(c)));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    /** The corpus's text form of a value: decimals without trailing zeros, timestamps to the second. */
    static String text(Object value) {
        return switch (value) {
            case null -> "NULL";
            case BigDecimal d -> plain(d);
            case Double d -> plain(new BigDecimal(d).round(MathContext.DECIMAL64));
            case Float f -> plain(new BigDecimal(f).round(MathContext.DECIMAL32));
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

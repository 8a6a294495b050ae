package io.queryflux.engine.starrocks;

import io.queryflux.engine.Column;
import io.queryflux.engine.SqlType;
import io.queryflux.engine.jdbc.ColumnReader;
import io.queryflux.engine.jdbc.JdbcColumn;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps MySQL column types (as Connector/J names them) to the result model. Unsigned integers
 * widen to the next type so no value overflows; text, enum and set become varchar; every
 * binary and blob type becomes varbinary.
 */
final class StarRocksTypes {
    private static final int MAX_FRACTION_DIGITS = 6;

    private StarRocksTypes() {}

    static List<JdbcColumn> describe(ResultSetMetaData md) throws SQLException {
        List<JdbcColumn> columns = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            SqlType type = sqlType(md.getColumnTypeName(i), md.getPrecision(i), md.getScale(i));
            columns.add(new JdbcColumn(new Column(md.getColumnLabel(i), type), reader(type)));
        }
        return columns;
    }

    static SqlType sqlType(String typeName, int precision, int scale) {
        String name = typeName.toUpperCase(Locale.ROOT);
        boolean unsigned = name.endsWith(" UNSIGNED");
        String base = unsigned ? name.substring(0, name.length() - " UNSIGNED".length()) : name;
        return switch (base) {
            case "BIT" -> precision <= 1 ? SqlType.BOOLEAN : SqlType.VARBINARY;
            case "BOOLEAN", "BOOL" -> SqlType.BOOLEAN;
            case "TINYINT" -> unsigned ? SqlType.SMALLINT : SqlType.TINYINT;
            case "SMALLINT", "YEAR" -> unsigned ? SqlType.INTEGER : SqlType.SMALLINT;
            case "MEDIUMINT" -> SqlType.INTEGER;
            case "INT", "INTEGER" -> unsigned ? SqlType.BIGINT : SqlType.INTEGER;
            case "BIGINT" -> unsigned ? SqlType.decimal(20, 0) : SqlType.BIGINT;
            case "LARGEINT" -> SqlType.decimal(39, 0);
            case "FLOAT" -> SqlType.REAL;
            case "DOUBLE", "REAL" -> SqlType.DOUBLE;
            case "DECIMAL", "NUMERIC", "DECIMALV2", "DECIMAL32", "DECIMAL64", "DECIMAL128" ->
                    SqlType.decimal(Math.max(precision, 1), Math.max(scale, 0));
            case "CHAR" -> SqlType.chars(precision);
            case "VARCHAR" -> precision > 0 ? SqlType.varchar(precision) : SqlType.VARCHAR;
            case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "GEOMETRY" -> SqlType.VARBINARY;
            case "DATE" -> SqlType.DATE;
            // Connector/J reports the fractional digits only in the display width: 10 (-838:59:59) or 19, plus '.' and digits.
            case "TIME" -> SqlType.time(fraction(precision - 11));
            case "DATETIME", "TIMESTAMP" -> SqlType.timestamp(fraction(precision - 20));
            case "JSON" -> SqlType.JSON;
            case "NULL" -> SqlType.UNKNOWN;
            default -> SqlType.VARCHAR; // TEXT types, ENUM, SET, and engine-specific names
        };
    }

    private static int fraction(int digits) {
        return Math.max(0, Math.min(digits, MAX_FRACTION_DIGITS));
    }

    static ColumnReader reader(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (rs, i) -> nullable(rs.getBoolean(i), rs.wasNull());
            case TINYINT -> (rs, i) -> nullable(rs.getByte(i), rs.wasNull());
            case SMALLINT -> (rs, i) -> nullable(rs.getShort(i), rs.wasNull());
            case INTEGER -> (rs, i) -> nullable(rs.getInt(i), rs.wasNull());
            case BIGINT -> (rs, i) -> nullable(rs.getLong(i), rs.wasNull());
            case REAL -> (rs, i) -> nullable(rs.getFloat(i), rs.wasNull());
            case DOUBLE -> (rs, i) -> nullable(rs.getDouble(i), rs.wasNull());
            case DECIMAL -> (rs, i) -> rs.getBigDecimal(i);
            case VARBINARY -> (rs, i) -> rs.getBytes(i);
            case DATE -> (rs, i) -> rs.getObject(i, LocalDate.class);
            case TIME -> (rs, i) -> rs.getObject(i, LocalTime.class);
            case TIMESTAMP -> (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case UNKNOWN -> (rs, i) -> null;
            default -> (rs, i) -> rs.getString(i);
        };
    }

    private static Object nullable(Object value, boolean wasNull) {
        return wasNull ? null : value;
    }
}

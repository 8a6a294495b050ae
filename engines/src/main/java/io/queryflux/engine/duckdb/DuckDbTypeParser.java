package io.queryflux.engine.duckdb;

import io.queryflux.engine.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses DuckDB's type names ({@code DECIMAL(18,3)}, {@code INTEGER[]},
 * {@code STRUCT(a INTEGER, "b c" VARCHAR)}, {@code MAP(VARCHAR, INTEGER[])}) into the result
 * model. Types with no exact counterpart (HUGEINT, unsigned integers) widen to one that holds
 * every value; those with no counterpart at all (ENUM, UNION, BIT, INTERVAL) become varchar.
 */
final class DuckDbTypeParser {
    private final String text;
    private int pos;

    private DuckDbTypeParser(String text) {
        this.text = text;
    }

    static SqlType parse(String typeName) {
        DuckDbTypeParser parser = new DuckDbTypeParser(typeName.trim());
        SqlType type = parser.type();
        parser.skipSpaces();
        if (parser.pos != parser.text.length()) {
            throw new IllegalArgumentException("Unexpected text in DuckDB type '" + typeName + "' at " + parser.pos);
        }
        return type;
    }

    private SqlType type() {
        SqlType base = baseType();
        skipSpaces();
        while (peek('[')) {
            pos++;
            while (pos < text.length() && text.charAt(pos) != ']') {
                pos++; // fixed-size ARRAY[n]: the size does not change the result type
            }
            expect(']');
            base = SqlType.array(base);
            skipSpaces();
        }
        return base;
    }

    private SqlType baseType() {
        // DuckDB quotes a type name that is a keyword, e.g. the "NULL" type of an all-NULL field.
        String name = (peek('"') ? quoted() : word()).toUpperCase(Locale.ROOT);
        skipSpaces();
        return switch (name) {
            case "BOOLEAN", "BOOL", "LOGICAL" -> SqlType.BOOLEAN;
            case "TINYINT", "INT1" -> SqlType.TINYINT;
            case "SMALLINT", "INT2", "SHORT", "UTINYINT" -> SqlType.SMALLINT;
            case "INTEGER", "INT4", "INT", "SIGNED", "USMALLINT" -> SqlType.INTEGER;
            case "BIGINT", "INT8", "LONG", "UINTEGER" -> SqlType.BIGINT;
            case "UBIGINT" -> SqlType.decimal(20, 0);
            case "HUGEINT", "UHUGEINT", "INT128", "UINT128" -> SqlType.decimal(38, 0);
            case "FLOAT", "FLOAT4", "REAL" -> SqlType.REAL;
            case "DOUBLE", "FLOAT8" -> SqlType.DOUBLE;
            case "DECIMAL", "NUMERIC" -> decimal();
            case "VARCHAR", "STRING", "TEXT", "BPCHAR", "CHAR" -> skipParameters(SqlType.VARCHAR);
            case "BLOB", "BYTEA", "BINARY", "VARBINARY" -> SqlType.VARBINARY;
            case "DATE" -> SqlType.DATE;
            case "TIME" -> withTimeZone() ? SqlType.timeWithTimeZone(6) : SqlType.time(6);
            case "TIMETZ" -> SqlType.timeWithTimeZone(6);
            case "TIMESTAMP", "DATETIME" -> withTimeZone() ? SqlType.timestampWithTimeZone(6) : SqlType.timestamp(6);
            case "TIMESTAMPTZ" -> SqlType.timestampWithTimeZone(6);
            case "TIMESTAMP_S" -> SqlType.timestamp(0);
            case "TIMESTAMP_MS" -> SqlType.timestamp(3);
            case "TIMESTAMP_NS" -> SqlType.timestamp(9);
            case "UUID" -> SqlType.UUID;
            case "JSON" -> SqlType.JSON;
            case "LIST" -> SqlType.array(parenthesised().get(0));
            case "MAP" -> {
                List<SqlType> kv = parenthesised();
                yield SqlType.map(kv.get(0), kv.get(1));
            }
            case "STRUCT", "ROW" -> SqlType.row(structFields());
            // INVALID and UNKNOWN: a prepared statement's parameter, or a column of one, it could not type.
            case "NULL", "INVALID", "UNKNOWN" -> SqlType.UNKNOWN;
            default -> skipParameters(SqlType.VARCHAR); // ENUM(...), UNION(...), BIT, INTERVAL, ...
        };
    }

    private boolean withTimeZone() {
        int save = pos;
        if (pos < text.length() && Character.isLetter(text.charAt(pos)) && word().equalsIgnoreCase("WITH")) {
            skipSpaces();
            word();
            skipSpaces();
            word();
            skipSpaces();
            return true;
        }
        pos = save;
        return false;
    }

    private SqlType decimal() {
        if (!peek('(')) {
            return SqlType.decimal(18, 3);
        }
        pos++;
        int precision = Integer.parseInt(word().trim());
        int scale = 0;
        skipSpaces();
        if (peek(',')) {
            pos++;
            skipSpaces();
            scale = Integer.parseInt(word().trim());
        }
        skipSpaces();
        expect(')');
        return SqlType.decimal(precision, scale);
    }

    private List<SqlType> parenthesised() {
        expect('(');
        List<SqlType> types = new ArrayList<>();
        do {
            skipSpaces();
            types.add(type());
            skipSpaces();
        } while (consume(','));
        expect(')');
        return types;
    }

    private List<SqlType.Field> structFields() {
        expect('(');
        List<SqlType.Field> fields = new ArrayList<>();
        do {
            skipSpaces();
            String name = peek('"') ? quoted() : word();
            skipSpaces();
            fields.add(SqlType.Field.named(name, type()));
            skipSpaces();
        } while (consume(','));
        expect(')');
        return fields;
    }

    private SqlType skipParameters(SqlType type) {
        if (peek('(')) {
            int depth = 0;
            do {
                char c = text.charAt(pos++);
                if (c == '\'') {
                    while (text.charAt(pos++) != '\'') {
                        // skip a quoted enum label
                    }
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } while (depth > 0);
        }
        return type;
    }

    private String quoted() {
        expect('"');
        StringBuilder name = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                if (peek('"')) {
                    pos++;
                    name.append('"');
                } else {
                    return name.toString();
                }
            } else {
                name.append(c);
            }
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("Expected a name in DuckDB type '" + text + "' at " + pos);
        }
        return text.substring(start, pos);
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw new IllegalArgumentException("Expected '" + c + "' in DuckDB type '" + text + "' at " + pos);
        }
    }
}

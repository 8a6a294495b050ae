package io.queryflux.sql;

import java.util.List;
import java.util.Random;

/**
 * Random SELECT statements over the fast parser's vocabulary, written flat (no brackets added), so
 * that operators meet in every order and precedence decides. Many are not valid SQL; the oracle
 * check only asks that whatever the fast parser accepts is what JSQLParser builds.
 */
final class RandomSelects {
    private static final List<String> ATOMS = List.of(
            "a", "t.b", "\"c\"", "`d`", "name", "1", "2.5", "'x'", "?1", "NULL", "TRUE", "day", "count(*)",
            "INTERVAL '1 day'", "TIMESTAMP '2024-01-01 00:00:00'", "row_number() OVER (PARTITION BY a ORDER BY b)",
            "sum(a) OVER ()", "TIMESTAMPDIFF(HOUR, a, b)", "string_agg(a, 'x' ORDER BY b DESC)");
    private static final List<String> BINARY = List.of(
            "+", "-", "*", "/", "%", "||", "=", "<>", "!=", "<", ">=", "AND", "OR", "LIKE", "NOT LIKE", "ILIKE", "~",
            "!~*", "REGEXP", "NOT RLIKE", "DIV", "<=>");
    private static final List<String> FROM = List.of(
            "t", "t AS q", "s.t q JOIN u ON @", "(SELECT a FROM u) AS q", "t LEFT JOIN u v ON @ INNER JOIN w ON @");
    private static final List<String> TAILS = List.of(
            "", " DESC", " ASC", " LIMIT 3", " LIMIT 1, 2", " LIMIT 3 OFFSET 1");

    private final Random random;

    RandomSelects(long seed) {
        this.random = new Random(seed);
    }

    String next() {
        StringBuilder sql = new StringBuilder(random.nextInt(4) == 0 ? "WITH w AS (SELECT a FROM u) SELECT " : "SELECT ");
        sql.append(random.nextInt(5) == 0 ? "DISTINCT " : "").append(expression(3));
        switch (random.nextInt(4)) {
            case 0 -> sql.append(" AS x, ").append(expression(2));
            case 1 -> sql.append(" y, t.*, *");
            default -> { }
        }
        sql.append(" FROM ").append(pick(FROM).replace("@", expression(1)));
        if (random.nextBoolean()) {
            sql.append(" WHERE ").append(expression(3));
        }
        if (random.nextInt(3) == 0) {
            sql.append(" GROUP BY ").append(expression(1)).append(" HAVING ").append(expression(2));
        }
        if (random.nextBoolean()) {
            sql.append(" ORDER BY ").append(expression(2)).append(pick(TAILS));
        }
        return sql.toString();
    }

    private String expression(int depth) {
        if (depth == 0) {
            return pick(ATOMS);
        }
        int d = depth - 1;
        return switch (random.nextInt(14)) {
            case 0, 1, 2 -> expression(d) + " " + pick(BINARY) + " " + expression(d);
            case 3 -> "NOT " + expression(d);
            case 4 -> "-" + expression(d);
            case 5 -> expression(d) + " IS " + (random.nextBoolean() ? "NOT " : "") + "NULL";
            case 6 -> expression(d) + "::" + pick(List.of("int", "text", "date"));
            case 7 -> expression(d) + (random.nextBoolean() ? " NOT" : "") + " BETWEEN " + expression(d) + " AND "
                    + expression(d);
            case 8 -> expression(d) + (random.nextBoolean() ? " NOT" : "") + " IN ("
                    + (random.nextBoolean() ? expression(d) + ", " + expression(d) : "SELECT a FROM u") + ")";
            case 9 -> "(" + expression(d) + ")";
            case 10 -> pick(List.of("f", "coalesce", "if", "max", "count(DISTINCT ")) + (random.nextBoolean() ? "(" : "")
                    + expression(d) + ", " + expression(d) + ")";
            case 11 -> "CASE " + (random.nextBoolean() ? expression(d) + " " : "") + "WHEN " + expression(d)
                    + " THEN " + expression(d) + " ELSE " + expression(d) + " END";
            case 12 -> pick(List.of("CAST(" + expression(d) + " AS int)", "EXTRACT(year FROM " + expression(d) + ")",
                    "INTERVAL '1' DAY", "DATE '2024-01-01'", "(SELECT " + expression(d) + ")",
                    "TRY_CAST(" + expression(d) + " AS double)", "(SELECT a FROM u WHERE " + expression(d) + ")"));
            default -> pick(ATOMS);
        };
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}

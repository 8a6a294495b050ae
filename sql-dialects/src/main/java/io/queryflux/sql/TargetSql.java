package io.queryflux.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * The canonical operations that source functions are mapped to, each printed the way one target
 * family spells it. Source rules ({@link FunctionRules}) say what a function means; this class
 * says how each target writes that meaning, so adding a target touches one switch per operation.
 */
final class TargetSql {
    private static final Set<String> DATE_UNITS = Set.of(
            "microsecond", "millisecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year");

    private TargetSql() {}

    static void coalesce(Out out, List<Expression> args) {
        out.text("COALESCE(").exprs(args, ", ").text(")");
    }

    static void ifThenElse(Out out, Expression condition, Expression then, Expression otherwise) {
        out.text("CASE WHEN ").expr(condition).text(" THEN ").expr(then);
        if (otherwise != null) {
            out.text(" ELSE ").expr(otherwise);
        }
        out.text(" END");
    }

    static void formatTime(Out out, Expression value, List<DatetimeFormat.Part> pattern) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("strftime(").expr(value).text(", ").string(DatetimeFormat.STRFTIME.render(pattern)).text(")");
            case TRINO -> out.text("date_format(").expr(value).text(", ").string(DatetimeFormat.MYSQL.render(pattern)).text(")");
            case POSTGRES -> out.text("to_char(").expr(value).text(", ").string(DatetimeFormat.POSTGRES.render(pattern)).text(")");
            default -> out.text("DATE_FORMAT(").expr(value).text(", ").string(DatetimeFormat.MYSQL.render(pattern)).text(")");
        }
    }

    static void parseTime(Out out, Expression text, List<DatetimeFormat.Part> pattern, boolean dateOnly) {
        Dialect target = out.target().family();
        if (target == Dialect.MYSQL) {
            // STR_TO_DATE already returns a DATE when the pattern has no time fields.
            out.text("STR_TO_DATE(").expr(text).text(", ").string(DatetimeFormat.MYSQL.render(pattern)).text(")");
            return;
        }
        if (target == Dialect.POSTGRES) {
            out.text(dateOnly ? "to_date(" : "CAST(to_timestamp(").expr(text).text(", ")
                    .string(DatetimeFormat.POSTGRES.render(pattern)).text(dateOnly ? ")" : ") AS timestamp)");
            return;
        }
        if (dateOnly) {
            out.text("CAST(");
        }
        if (target == Dialect.DUCKDB) {
            out.text("strptime(").expr(text).text(", ").string(DatetimeFormat.STRFTIME.render(pattern)).text(")");
        } else {
            out.text("date_parse(").expr(text).text(", ").string(DatetimeFormat.MYSQL.render(pattern)).text(")");
        }
        if (dateOnly) {
            out.text(" AS DATE)");
        }
    }

    static void dateTrunc(Out out, String unit, Expression value) {
        String u = unit(unit);
        if (out.target().family() != Dialect.MYSQL) {
            out.text("date_trunc(").string(u).text(", ").expr(value).text(")");
            return;
        }
        String pattern = switch (u) {
            case "year" -> "%Y-01-01";
            case "month" -> "%Y-%m-01";
            case "day" -> "%Y-%m-%d";
            case "hour" -> "%Y-%m-%d %H:00:00";
            case "minute" -> "%Y-%m-%d %H:%i:00";
            default -> throw new Untranslatable("date_trunc('" + u + "')", "no MySQL equivalent");
        };
        out.text("CAST(DATE_FORMAT(").expr(value).text(", ").string(pattern)
                .text(u.equals("year") || u.equals("month") || u.equals("day") ? ") AS DATE)" : ") AS DATETIME)");
    }

    /** Adds {@code amount} units to a date or timestamp. */
    static void dateAdd(Out out, String unit, Expression amount, Expression value, boolean subtract) {
        String u = unit(unit);
        switch (out.target().family()) {
            case TRINO -> {
                out.text("date_add(").string(u).text(", ");
                if (subtract) {
                    out.text("-(").expr(amount).text(")");
                } else {
                    out.expr(amount);
                }
                out.text(", ").expr(value).text(")");
            }
            case MYSQL -> out.text(subtract ? "DATE_SUB(" : "DATE_ADD(").expr(value).text(", INTERVAL ")
                    .expr(amount).text(" " + u.toUpperCase(Locale.ROOT) + ")");
            case POSTGRES -> out.text("(").expr(value).text(subtract ? " - " : " + ").text("(").expr(amount)
                    .text(") * INTERVAL '1 " + u + "')");
            default -> {
                // DuckDB cannot choose between date and timestamp arithmetic for an untyped literal.
                if (value instanceof StringValue) {
                    out.text("(CAST(").expr(value).text(" AS TIMESTAMP)");
                } else {
                    out.text("(").expr(value);
                }
                out.text(subtract ? " - " : " + ").text("(").expr(amount)
                        .text(") * INTERVAL 1 " + u.toUpperCase(Locale.ROOT) + ")");
            }
        }
    }

    /** Whole units elapsed from {@code start} to {@code end}, the way Trino's date_diff and MySQL's TIMESTAMPDIFF count. */
    static void wholeUnitsBetween(Out out, String unit, Expression start, Expression end) {
        String u = unit(unit);
        switch (out.target().family()) {
            // DuckDB's date_diff counts boundaries crossed; its date_sub counts whole units.
            case DUCKDB -> out.text("date_sub(").string(u).text(", ").expr(start).text(", ").expr(end).text(")");
            case TRINO -> out.text("date_diff(").string(u).text(", ").expr(start).text(", ").expr(end).text(")");
            case MYSQL -> out.text("TIMESTAMPDIFF(" + u.toUpperCase(Locale.ROOT) + ", ").expr(start).text(", ").expr(end).text(")");
            default -> {
                long seconds = switch (u) {
                    case "second" -> 1;
                    case "minute" -> 60;
                    case "hour" -> 3600;
                    case "day" -> 86400;
                    case "week" -> 604800;
                    default -> throw new Untranslatable("date_diff('" + u + "')", "no PostgreSQL equivalent");
                };
                out.text("CAST(trunc(EXTRACT(EPOCH FROM (CAST(").expr(end).text(" AS timestamp) - CAST(")
                        .expr(start).text(" AS timestamp))) / " + seconds + ") AS bigint)");
            }
        }
    }

    /** MySQL's DATEDIFF: days between the date parts, first minus second. */
    static void dayDifference(Out out, Expression first, Expression second) {
        switch (out.target().family()) {
            case MYSQL -> out.text("DATEDIFF(").expr(first).text(", ").expr(second).text(")");
            case POSTGRES -> out.text("(CAST(").expr(first).text(" AS date) - CAST(").expr(second).text(" AS date))");
            default -> out.text("date_diff('day', CAST(").expr(second).text(" AS DATE), CAST(").expr(first).text(" AS DATE))");
        }
    }

    /** Day of week numbered 1 (Sunday) to 7, as MySQL's DAYOFWEEK. */
    static void dayOfWeekFromSunday1(Out out, Expression value) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("(dayofweek(").expr(value).text(") + 1)");
            case TRINO -> out.text("(day_of_week(").expr(value).text(") % 7 + 1)");
            case POSTGRES -> out.text("(CAST(EXTRACT(DOW FROM ").expr(value).text(") AS integer) + 1)");
            default -> out.text("DAYOFWEEK(").expr(value).text(")");
        }
    }

    /** Day of week numbered 0 (Sunday) to 6, as PostgreSQL's EXTRACT(DOW). */
    static void dayOfWeekFromSunday0(Out out, Expression value) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("dayofweek(").expr(value).text(")");
            case TRINO -> out.text("(day_of_week(").expr(value).text(") % 7)");
            case POSTGRES -> out.text("CAST(EXTRACT(DOW FROM ").expr(value).text(") AS integer)");
            default -> out.text("(DAYOFWEEK(").expr(value).text(") - 1)");
        }
    }

    /** ISO day of week, 1 (Monday) to 7, as Trino's day_of_week. */
    static void isoDayOfWeek(Out out, Expression value) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("isodow(").expr(value).text(")");
            case TRINO -> out.text("day_of_week(").expr(value).text(")");
            case POSTGRES -> out.text("CAST(EXTRACT(ISODOW FROM ").expr(value).text(") AS integer)");
            default -> out.text("(WEEKDAY(").expr(value).text(") + 1)");
        }
    }

    static void dayOfYear(Out out, Expression value) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("dayofyear(").expr(value).text(")");
            case TRINO -> out.text("day_of_year(").expr(value).text(")");
            case POSTGRES -> out.text("CAST(EXTRACT(DOY FROM ").expr(value).text(") AS integer)");
            default -> out.text("DAYOFYEAR(").expr(value).text(")");
        }
    }

    static void namedPart(Out out, Expression value, DatetimeFormat.Field field) {
        if (out.target().family() == Dialect.DUCKDB) {
            out.text(field == DatetimeFormat.Field.WEEKDAY_NAME ? "dayname(" : "monthname(").expr(value).text(")");
            return;
        }
        formatTime(out, value, List.of(new DatetimeFormat.Part(field, null)));
    }

    /** Concatenation that yields NULL when any argument is NULL (MySQL and Trino CONCAT, and ||). */
    static void concatNullPropagating(Out out, List<Expression> args) {
        if (out.target().family() == Dialect.MYSQL) {
            out.text("CONCAT(").exprs(args, ", ").text(")");
            return;
        }
        // DuckDB and Trino have no implicit cast to VARCHAR for ||, so non-literals are cast.
        String varchar = out.target().family() == Dialect.POSTGRES ? "text" : "VARCHAR";
        out.text("(");
        String sep = "";
        for (Expression arg : args) {
            out.text(sep);
            if (arg instanceof StringValue) {
                out.expr(arg);
            } else {
                out.text("CAST(").expr(arg).text(" AS " + varchar + ")");
            }
            sep = " || ";
        }
        out.text(")");
    }

    /** Concatenation that skips NULLs (PostgreSQL and DuckDB concat). */
    static void concatSkippingNulls(Out out, List<Expression> args) {
        switch (out.target().family()) {
            case MYSQL -> out.text("CONCAT_WS('', ").exprs(args, ", ").text(")");
            case TRINO -> {
                out.text("concat(");
                String sep = "";
                for (Expression arg : args) {
                    out.text(sep).text("COALESCE(CAST(").expr(arg).text(" AS VARCHAR), '')");
                    sep = ", ";
                }
                out.text(")");
            }
            default -> out.text("concat(").exprs(args, ", ").text(")");
        }
    }

    static void stringAgg(Out out, boolean distinct, Expression value, Expression separator, List<OrderByElement> orderBy) {
        String d = distinct ? "DISTINCT " : "";
        switch (out.target().family()) {
            case MYSQL -> {
                out.text("GROUP_CONCAT(" + d).expr(value);
                orderBy(out, orderBy);
                out.text(" SEPARATOR ").expr(separator).text(")");
            }
            case TRINO -> {
                // array_join skips NULL elements, as GROUP_CONCAT and string_agg do.
                out.text("array_join(array_agg(" + d).expr(value);
                orderBy(out, orderBy);
                out.text("), ").expr(separator).text(")");
            }
            default -> {
                String text = out.target().family() == Dialect.POSTGRES ? "text" : "VARCHAR";
                out.text("string_agg(" + d + "CAST(").expr(value).text(" AS " + text + "), ").expr(separator);
                orderBy(out, orderBy);
                out.text(")");
            }
        }
    }

    private static void orderBy(Out out, List<OrderByElement> orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return;
        }
        out.text(" ORDER BY ");
        String sep = "";
        for (OrderByElement element : orderBy) {
            out.text(sep).expr(element.getExpression());
            if (element.isAscDescPresent()) {
                out.text(element.isAsc() ? " ASC" : " DESC");
            }
            if (element.getNullOrdering() != null) {
                out.text(element.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST");
            }
            sep = ", ";
        }
    }

    /** Whether {@code pattern} matches anywhere in {@code value}. */
    static void regexpContains(Out out, Expression value, Expression pattern, boolean caseInsensitive, boolean negated) {
        String not = negated ? "NOT " : "";
        switch (out.target().family()) {
            case DUCKDB -> out.text("(" + not + "regexp_matches(").expr(value).text(", ").expr(pattern)
                    .text(caseInsensitive ? ", 'i'))" : "))");
            case TRINO -> {
                out.text("(" + not + "regexp_like(").expr(value).text(", ");
                if (caseInsensitive) {
                    out.text("'(?i)' || ");
                }
                out.expr(pattern).text("))");
            }
            case POSTGRES -> out.text("(").expr(value).text(negated ? " !~" : " ~").text(caseInsensitive ? "* " : " ")
                    .expr(pattern).text(")");
            default -> out.text("(" + not + "REGEXP_LIKE(").expr(value).text(", ").expr(pattern)
                    .text(caseInsensitive ? ", 'i'))" : ", 'c'))");
        }
    }

    /**
     * PostgreSQL's substring(x FROM 'pattern'): what the pattern's first parenthesized group
     * matched, else the whole match, NULL when nothing matches. False, printing nothing, for any
     * other call (substring(x FROM 2 FOR 3) means the same everywhere) or target.
     */
    static boolean regexSubstring(Out out, Function function) {
        NamedExpressionList<?> named = function.getNamedParameters();
        if (named == null || !function.getName().equalsIgnoreCase("substring") || named.size() != 2
                || !named.getNames().get(1).equalsIgnoreCase("from") || !(named.get(1) instanceof StringValue pattern)) {
            return false;
        }
        int group = pattern.getValue().matches("(?s).*\\((?!\\?).*") ? 1 : 0;
        Expression value = named.get(0);
        switch (out.target().family()) {
            // DuckDB's regexp_extract gives '' where nothing matches.
            case DUCKDB -> out.text("(CASE WHEN regexp_matches(").expr(value).text(", ").expr(pattern)
                    .text(") THEN regexp_extract(").expr(value).text(", ").expr(pattern).text(", " + group + ") END)");
            case TRINO -> out.text("regexp_extract(").expr(value).text(", ").expr(pattern).text(", " + group + ")");
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Replaces every match, as Trino's and MySQL's regexp_replace do. */
    static void regexpReplaceAll(Out out, Expression value, Expression pattern, Expression replacement) {
        Dialect target = out.target().family();
        out.text("regexp_replace(").expr(value).text(", ").expr(pattern).text(", ").expr(replacement);
        out.text(target == Dialect.DUCKDB || target == Dialect.POSTGRES ? ", 'g')" : ")");
    }

    static void approxDistinct(Out out, Expression value) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("approx_count_distinct(").expr(value).text(")");
            case TRINO -> out.text("approx_distinct(").expr(value).text(")");
            default -> out.text("COUNT(DISTINCT ").expr(value).text(")");
        }
    }

    static void approxPercentile(Out out, Expression value, Expression fraction) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("approx_quantile(").expr(value).text(", ").expr(fraction).text(")");
            case TRINO -> out.text("approx_percentile(").expr(value).text(", ").expr(fraction).text(")");
            case POSTGRES -> out.text("percentile_disc(").expr(fraction).text(") WITHIN GROUP (ORDER BY ").expr(value).text(")");
            default -> throw new Untranslatable("approx_percentile", "no MySQL equivalent");
        }
    }

    /** The scalar at a JSONPath ({@code $.a.b}) as text. */
    static void jsonScalar(Out out, Expression json, Expression path) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("json_extract_string(").expr(json).text(", ").expr(path).text(")");
            case TRINO -> out.text("json_extract_scalar(").expr(json).text(", ").expr(path).text(")");
            case POSTGRES -> out.text("(CAST(").expr(json).text(" AS jsonb) #>> ").string(postgresPath(path)).text(")");
            default -> out.text("JSON_UNQUOTE(JSON_EXTRACT(").expr(json).text(", ").expr(path).text("))");
        }
    }

    /** The JSON value at a JSONPath, still JSON. */
    static void jsonValue(Out out, Expression json, Expression path) {
        if (out.target().family() == Dialect.POSTGRES) {
            out.text("(CAST(").expr(json).text(" AS jsonb) #> ").string(postgresPath(path)).text(")");
            return;
        }
        out.text(out.target().family() == Dialect.MYSQL ? "JSON_EXTRACT(" : "json_extract(")
                .expr(json).text(", ").expr(path).text(")");
    }

    private static String postgresPath(Expression path) {
        String p = literal(path, "JSON path");
        if (!p.matches("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+")) {
            throw new Untranslatable("JSON path " + p, "only $.key.key paths map to PostgreSQL");
        }
        return "{" + p.substring(2).replace('.', ',') + "}";
    }

    /** MySQL's SUBSTRING_INDEX with a constant count. */
    static void substringIndex(Out out, Expression value, Expression delimiter, long count) {
        if (count == 0) {
            out.string("");
            return;
        }
        switch (out.target().family()) {
            case MYSQL -> out.text("SUBSTRING_INDEX(").expr(value).text(", ").expr(delimiter).text(", " + count + ")");
            case DUCKDB -> {
                String slice = count > 0 ? "[1:" + count + "]" : "[" + count + ":]";
                out.text("array_to_string(string_split(").expr(value).text(", ").expr(delimiter).text(")" + slice + ", ")
                        .expr(delimiter).text(")");
            }
            case TRINO -> {
                String slice = count > 0 ? ", 1, " + count : ", " + count + ", " + (-count);
                out.text("array_join(slice(split(").expr(value).text(", ").expr(delimiter).text(")" + slice + "), ")
                        .expr(delimiter).text(")");
            }
            default -> {
                if (Math.abs(count) != 1) {
                    throw new Untranslatable("SUBSTRING_INDEX with count " + count, "only 1 and -1 map to PostgreSQL");
                }
                out.text("split_part(").expr(value).text(", ").expr(delimiter).text(", " + count + ")");
            }
        }
    }

    static void fromUnixtime(Out out, Expression seconds) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("make_timestamp(CAST(").expr(seconds).text(" * 1e6 AS BIGINT))");
            case TRINO -> out.text("CAST(from_unixtime(").expr(seconds).text(") AS timestamp)");
            case POSTGRES -> out.text("CAST(to_timestamp(").expr(seconds).text(") AT TIME ZONE 'UTC' AS timestamp)");
            default -> out.text("FROM_UNIXTIME(").expr(seconds).text(")");
        }
    }

    static void toUnixtime(Out out, Expression value) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("epoch(").expr(value).text(")");
            case TRINO -> out.text("to_unixtime(").expr(value).text(")");
            case POSTGRES -> out.text("EXTRACT(EPOCH FROM ").expr(value).text(")");
            default -> out.text("UNIX_TIMESTAMP(").expr(value).text(")");
        }
    }

    static void castTo(Out out, Expression value, String type) {
        out.text("CAST(").expr(value).text(" AS " + type + ")");
    }

    /** Position of {@code needle} in {@code haystack}, 1-based, 0 when absent. */
    static void position(Out out, Expression haystack, Expression needle) {
        if (out.target().family() == Dialect.MYSQL) {
            out.text("LOCATE(").expr(needle).text(", ").expr(haystack).text(")");
        } else {
            out.text("strpos(").expr(haystack).text(", ").expr(needle).text(")");
        }
    }

    static void leftOrRight(Out out, boolean left, Expression value, Expression count) {
        if (out.target().family() == Dialect.TRINO) {
            out.text("substr(").expr(value).text(left ? ", 1, " : ", -").expr(count).text(")");
        } else {
            out.text(left ? "left(" : "right(").expr(value).text(", ").expr(count).text(")");
        }
    }

    static void byteLength(Out out, Expression value) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("strlen(").expr(value).text(")");
            case TRINO -> out.text("length(to_utf8(").expr(value).text("))");
            case POSTGRES -> out.text("octet_length(").expr(value).text(")");
            default -> out.text("LENGTH(").expr(value).text(")");
        }
    }

    /** Bytes from hexadecimal text: PostgreSQL's decode(x, 'hex'), MySQL's unhex, from_hex elsewhere. */
    static void fromHex(Out out, Expression hex) {
        switch (out.target().family()) {
            case POSTGRES -> out.text("decode(").expr(hex).text(", 'hex')");
            case MYSQL -> out.text("UNHEX(").expr(hex).text(")");
            default -> out.text("from_hex(").expr(hex).text(")");
        }
    }

    /** Bytes from base64 text: PostgreSQL's decode(x, 'base64'), from_base64 elsewhere. */
    static void fromBase64(Out out, Expression text) {
        if (out.target().family() == Dialect.POSTGRES) {
            out.text("decode(").expr(text).text(", 'base64')");
        } else {
            out.text(out.target().family() == Dialect.MYSQL ? "FROM_BASE64(" : "from_base64(").expr(text).text(")");
        }
    }

    static void lastDayOfMonth(Out out, Expression value) {
        switch (out.target().family()) {
            case TRINO -> out.text("last_day_of_month(").expr(value).text(")");
            case POSTGRES -> out.text("CAST(date_trunc('month', ").expr(value)
                    .text(") + INTERVAL '1 month' - INTERVAL '1 day' AS date)");
            default -> out.text("last_day(").expr(value).text(")");
        }
    }

    static void arrayJoin(Out out, Expression array, Expression separator) {
        out.text(out.target().family() == Dialect.TRINO ? "array_join(" : "array_to_string(")
                .expr(array).text(", ").expr(separator).text(")");
    }

    static void arrayLength(Out out, Expression array) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("len(").expr(array).text(")");
            case MYSQL -> out.text("JSON_LENGTH(").expr(array).text(")");
            default -> out.text("cardinality(").expr(array).text(")");
        }
    }

    static void arrayContains(Out out, Expression array, Expression element) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("list_contains(").expr(array).text(", ").expr(element).text(")");
            case POSTGRES -> out.text("(").expr(element).text(" = ANY(").expr(array).text("))");
            case TRINO -> out.text("contains(").expr(array).text(", ").expr(element).text(")");
            default -> throw new Untranslatable("contains(array, x)", "no MySQL equivalent");
        }
    }

    static void splitToArray(Out out, Expression value, Expression delimiter) {
        switch (out.target().family()) {
            case DUCKDB -> out.text("string_split(").expr(value).text(", ").expr(delimiter).text(")");
            case POSTGRES -> out.text("string_to_array(").expr(value).text(", ").expr(delimiter).text(")");
            case TRINO -> out.text("split(").expr(value).text(", ").expr(delimiter).text(")");
            default -> throw new Untranslatable("split", "MySQL has no arrays");
        }
    }

    static void random(Out out) {
        out.text(out.target().family() == Dialect.MYSQL ? "RAND()" : "random()");
    }

    /** The normalised unit name of a unit literal or keyword ('DAY', days, dd are all "day"). */
    static String unit(String raw) {
        String u = raw.trim().toLowerCase(Locale.ROOT);
        if (u.endsWith("s") && DATE_UNITS.contains(u.substring(0, u.length() - 1))) {
            u = u.substring(0, u.length() - 1);
        }
        if (!DATE_UNITS.contains(u)) {
            throw new Untranslatable("date unit '" + raw + "'", "not a known unit");
        }
        return u;
    }

    /** The text of a string literal argument; rules that reshape patterns or units need constants. */
    static String literal(Expression expression, String what) {
        if (expression instanceof StringValue s) {
            return s.getValue();
        }
        throw new Untranslatable(what + " " + expression, "must be a string literal to be translated");
    }
}

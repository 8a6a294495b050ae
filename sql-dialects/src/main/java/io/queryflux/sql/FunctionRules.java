package io.queryflux.sql;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.IntervalQualifier;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.expression.StringValue;

/**
 * What each source dialect's functions mean, as calls to {@link TargetSql}. A function that is
 * not listed here for its source is printed unchanged: the dialects agree on it (upper, round,
 * sum...), or the engine will report it.
 */
final class FunctionRules {
    private static final Map<Dialect, Map<String, FunctionRule>> BY_SOURCE = Map.of(
            Dialect.MYSQL, Map.copyOf(mysql()),
            Dialect.TRINO, Map.copyOf(trino()),
            Dialect.POSTGRES, Map.copyOf(postgres()),
            Dialect.DUCKDB, Map.of());

    private FunctionRules() {}

    static Optional<FunctionRule> find(Dialect source, String name) {
        return Optional.ofNullable(BY_SOURCE.get(source.family()).get(name.toLowerCase(Locale.ROOT)));
    }

    /** The lower-case names with a rule for this source; the decide step looks for them. */
    static Set<String> names(Dialect source) {
        return BY_SOURCE.get(source.family()).keySet();
    }

    /** Rules whose meaning is the same whichever of our sources uses them. */
    private static Map<String, FunctionRule> common() {
        Map<String, FunctionRule> rules = new HashMap<>();
        rules.put("nvl", (c, out) -> TargetSql.coalesce(out, c.args()));
        rules.put("ifnull", (c, out) -> TargetSql.coalesce(out, c.args()));
        rules.put("date_trunc", (c, out) -> TargetSql.dateTrunc(out, c.stringArg(0, "unit"), c.arg(1)));
        rules.put("approx_distinct", (c, out) -> TargetSql.approxDistinct(out, c.arg(0)));
        rules.put("approx_count_distinct", (c, out) -> TargetSql.approxDistinct(out, c.arg(0)));
        rules.put("approx_percentile", (c, out) -> TargetSql.approxPercentile(out, c.arg(0), c.arg(1)));
        rules.put("random", (c, out) -> TargetSql.random(out));
        rules.put("rand", (c, out) -> TargetSql.random(out));
        rules.put("left", (c, out) -> TargetSql.leftOrRight(out, true, c.arg(0), c.arg(1)));
        rules.put("right", (c, out) -> TargetSql.leftOrRight(out, false, c.arg(0), c.arg(1)));
        rules.put("strpos", (c, out) -> TargetSql.position(out, c.arg(0), c.arg(1)));
        return rules;
    }

    private static Map<String, FunctionRule> mysql() {
        Map<String, FunctionRule> rules = common();
        rules.put("if", (c, out) -> TargetSql.ifThenElse(out, c.arg(0), c.arg(1), c.arg(2)));
        rules.put("isnull", (c, out) -> out.text("(").expr(c.arg(0)).text(" IS NULL)"));
        rules.put("concat", (c, out) -> TargetSql.concatNullPropagating(out, c.args()));
        rules.put("date_format", (c, out) ->
                TargetSql.formatTime(out, c.arg(0), DatetimeFormat.MYSQL.parse(c.stringArg(1, "format"))));
        rules.put("str_to_date", (c, out) -> {
            List<DatetimeFormat.Part> pattern = DatetimeFormat.MYSQL.parse(c.stringArg(1, "format"));
            TargetSql.parseTime(out, c.arg(0), pattern, !hasTimeFields(pattern));
        });
        FunctionRule dateAdd = (c, out) -> mysqlDateArithmetic(c, out, false);
        FunctionRule dateSub = (c, out) -> mysqlDateArithmetic(c, out, true);
        rules.put("date_add", dateAdd);
        rules.put("adddate", dateAdd);
        rules.put("date_sub", dateSub);
        rules.put("subdate", dateSub);
        rules.put("group_concat", FunctionRules::groupConcat);
        rules.put("datediff", (c, out) -> TargetSql.dayDifference(out, c.arg(0), c.arg(1)));
        rules.put("timestampdiff", (c, out) -> TargetSql.wholeUnitsBetween(out, unitName(c.arg(0)), c.arg(1), c.arg(2)));
        rules.put("curdate", (c, out) -> out.text("CURRENT_DATE"));
        rules.put("current_date", (c, out) -> out.text("CURRENT_DATE"));
        rules.put("now", (c, out) -> out.text("CURRENT_TIMESTAMP"));
        rules.put("sysdate", (c, out) -> out.text("CURRENT_TIMESTAMP"));
        rules.put("dayofweek", (c, out) -> TargetSql.dayOfWeekFromSunday1(out, c.arg(0)));
        // WEEKDAY numbers Monday 0 to Sunday 6.
        rules.put("weekday", (c, out) -> {
            out.text("(");
            TargetSql.isoDayOfWeek(out, c.arg(0));
            out.text(" - 1)");
        });
        rules.put("dayofyear", (c, out) -> TargetSql.dayOfYear(out, c.arg(0)));
        rules.put("dayofmonth", (c, out) -> out.text(out.target().family() == Dialect.TRINO ? "day(" : "dayofmonth(")
                .expr(c.arg(0)).text(")"));
        rules.put("dayname", (c, out) -> TargetSql.namedPart(out, c.arg(0), DatetimeFormat.Field.WEEKDAY_NAME));
        rules.put("monthname", (c, out) -> TargetSql.namedPart(out, c.arg(0), DatetimeFormat.Field.MONTH_NAME));
        rules.put("date", (c, out) -> TargetSql.castTo(out, c.arg(0), "DATE"));
        rules.put("last_day", (c, out) -> TargetSql.lastDayOfMonth(out, c.arg(0)));
        rules.put("substring_index", (c, out) ->
                TargetSql.substringIndex(out, c.arg(0), c.arg(1), c.longArg(2, "count")));
        rules.put("locate", (c, out) -> {
            if (c.args().size() > 2) {
                throw new Untranslatable("LOCATE with a start position", "not translated");
            }
            TargetSql.position(out, c.arg(1), c.arg(0));
        });
        rules.put("instr", (c, out) -> TargetSql.position(out, c.arg(0), c.arg(1)));
        rules.put("lcase", (c, out) -> out.text("lower(").expr(c.arg(0)).text(")"));
        rules.put("ucase", (c, out) -> out.text("upper(").expr(c.arg(0)).text(")"));
        // MySQL's LENGTH counts bytes; CHAR_LENGTH counts characters.
        rules.put("length", (c, out) -> TargetSql.byteLength(out, c.arg(0)));
        rules.put("char_length", (c, out) -> out.text("length(").expr(c.arg(0)).text(")"));
        rules.put("character_length", (c, out) -> out.text("length(").expr(c.arg(0)).text(")"));
        rules.put("from_unixtime", (c, out) -> TargetSql.fromUnixtime(out, c.arg(0)));
        rules.put("unix_timestamp", (c, out) -> TargetSql.toUnixtime(out, c.arg(0)));
        rules.put("json_extract", (c, out) -> TargetSql.jsonValue(out, c.arg(0), c.arg(1)));
        rules.put("json_unquote", (c, out) -> {
            if (c.arg(0) instanceof net.sf.jsqlparser.expression.Function inner
                    && inner.getName().equalsIgnoreCase("json_extract")
                    && inner.getParameters() != null && inner.getParameters().size() == 2) {
                TargetSql.jsonScalar(out, inner.getParameters().get(0), inner.getParameters().get(1));
                return;
            }
            throw new Untranslatable("JSON_UNQUOTE", "only JSON_UNQUOTE(JSON_EXTRACT(json, path)) is translated");
        });
        // MySQL's REGEXP functions are case-insensitive under the default collation.
        rules.put("regexp_like", (c, out) -> TargetSql.regexpContains(out, c.arg(0), c.arg(1),
                !(c.optionalArg(2) instanceof StringValue s && s.getValue().contains("c")), false));
        rules.put("regexp_replace", (c, out) -> TargetSql.regexpReplaceAll(out, c.arg(0), c.arg(1), c.arg(2)));
        rules.put("unhex", (c, out) -> TargetSql.fromHex(out, c.arg(0)));
        rules.put("from_base64", (c, out) -> TargetSql.fromBase64(out, c.arg(0)));
        return rules;
    }

    private static Map<String, FunctionRule> trino() {
        Map<String, FunctionRule> rules = common();
        rules.put("if", (c, out) -> TargetSql.ifThenElse(out, c.arg(0), c.arg(1), c.optionalArg(2)));
        rules.put("concat", (c, out) -> TargetSql.concatNullPropagating(out, c.args()));
        rules.put("date_format", (c, out) ->
                TargetSql.formatTime(out, c.arg(0), DatetimeFormat.MYSQL.parse(c.stringArg(1, "format"))));
        rules.put("format_datetime", (c, out) ->
                TargetSql.formatTime(out, c.arg(0), DatetimeFormat.JODA.parse(c.stringArg(1, "format"))));
        rules.put("date_parse", (c, out) ->
                TargetSql.parseTime(out, c.arg(0), DatetimeFormat.MYSQL.parse(c.stringArg(1, "format")), false));
        rules.put("parse_datetime", (c, out) ->
                TargetSql.parseTime(out, c.arg(0), DatetimeFormat.JODA.parse(c.stringArg(1, "format")), false));
        rules.put("date_add", (c, out) -> TargetSql.dateAdd(out, c.stringArg(0, "unit"), c.arg(1), c.arg(2), false));
        rules.put("date_diff", (c, out) -> TargetSql.wholeUnitsBetween(out, c.stringArg(0, "unit"), c.arg(1), c.arg(2)));
        rules.put("day_of_week", (c, out) -> TargetSql.isoDayOfWeek(out, c.arg(0)));
        rules.put("dow", (c, out) -> TargetSql.isoDayOfWeek(out, c.arg(0)));
        rules.put("day_of_year", (c, out) -> TargetSql.dayOfYear(out, c.arg(0)));
        rules.put("doy", (c, out) -> TargetSql.dayOfYear(out, c.arg(0)));
        rules.put("day_of_month", (c, out) -> out.text("day(").expr(c.arg(0)).text(")"));
        rules.put("date", (c, out) -> TargetSql.castTo(out, c.arg(0), "DATE"));
        rules.put("last_day_of_month", (c, out) -> TargetSql.lastDayOfMonth(out, c.arg(0)));
        rules.put("from_unixtime", (c, out) -> TargetSql.fromUnixtime(out, c.arg(0)));
        rules.put("to_unixtime", (c, out) -> TargetSql.toUnixtime(out, c.arg(0)));
        rules.put("json_extract_scalar", (c, out) -> TargetSql.jsonScalar(out, c.arg(0), c.arg(1)));
        rules.put("json_extract", (c, out) -> TargetSql.jsonValue(out, c.arg(0), c.arg(1)));
        rules.put("regexp_like", (c, out) -> TargetSql.regexpContains(out, c.arg(0), c.arg(1), false, false));
        rules.put("regexp_replace", (c, out) -> TargetSql.regexpReplaceAll(out, c.arg(0), c.arg(1),
                c.args().size() > 2 ? c.arg(2) : new StringValue("")));
        rules.put("array_join", (c, out) -> TargetSql.arrayJoin(out, c.arg(0), c.arg(1)));
        rules.put("from_hex", (c, out) -> TargetSql.fromHex(out, c.arg(0)));
        rules.put("from_base64", (c, out) -> TargetSql.fromBase64(out, c.arg(0)));
        // Both are inclusive of the stop value, with an optional step.
        rules.put("sequence", (c, out) -> renamedForDuckDb(c, out, "generate_series"));
        rules.put("cardinality", (c, out) -> TargetSql.arrayLength(out, c.arg(0)));
        rules.put("contains", (c, out) -> TargetSql.arrayContains(out, c.arg(0), c.arg(1)));
        rules.put("split", (c, out) -> TargetSql.splitToArray(out, c.arg(0), c.arg(1)));
        rules.put("transform", (c, out) -> renamedForDuckDb(c, out, "list_transform"));
        rules.put("filter", (c, out) -> renamedForDuckDb(c, out, "list_filter"));
        rules.put("truncate", (c, out) -> out.text(out.target().family() == Dialect.TRINO ? "truncate(" : "trunc(")
                .exprs(c.args(), ", ").text(")"));
        return rules;
    }

    private static Map<String, FunctionRule> postgres() {
        Map<String, FunctionRule> rules = common();
        rules.put("concat", (c, out) -> TargetSql.concatSkippingNulls(out, c.args()));
        rules.put("to_char", (c, out) ->
                TargetSql.formatTime(out, c.arg(0), DatetimeFormat.POSTGRES.parse(c.stringArg(1, "format"))));
        rules.put("to_date", (c, out) ->
                TargetSql.parseTime(out, c.arg(0), DatetimeFormat.POSTGRES.parse(c.stringArg(1, "format")), true));
        rules.put("to_timestamp", (c, out) -> {
            if (c.args().size() == 1) {
                TargetSql.fromUnixtime(out, c.arg(0));
            } else {
                TargetSql.parseTime(out, c.arg(0), DatetimeFormat.POSTGRES.parse(c.stringArg(1, "format")), false);
            }
        });
        rules.put("now", (c, out) -> out.text("CURRENT_TIMESTAMP"));
        rules.put("date_part", (c, out) -> out.text(out.target().family() == Dialect.MYSQL ? "EXTRACT(" : "extract(")
                .text(TargetSql.literal(c.arg(0), "date_part field")).text(" FROM ").expr(c.arg(1)).text(")"));
        rules.put("string_agg", (c, out) -> TargetSql.stringAgg(out, c.function().isDistinct(), c.arg(0), c.arg(1),
                c.function().getOrderByElements()));
        rules.put("array_to_string", (c, out) -> TargetSql.arrayJoin(out, c.arg(0), c.arg(1)));
        rules.put("string_to_array", (c, out) -> TargetSql.splitToArray(out, c.arg(0), c.arg(1)));
        rules.put("cardinality", (c, out) -> TargetSql.arrayLength(out, c.arg(0)));
        // The PostgreSQL frontend binds bytea parameters this way too.
        rules.put("decode", (c, out) -> {
            String encoding = c.stringArg(1, "encoding").toLowerCase(Locale.ROOT);
            switch (encoding) {
                case "hex" -> TargetSql.fromHex(out, c.arg(0));
                case "base64" -> TargetSql.fromBase64(out, c.arg(0));
                default -> {
                    if (out.target().family() != Dialect.POSTGRES) {
                        throw new Untranslatable("decode(x, '" + encoding + "')", "only hex and base64 are translated");
                    }
                    out.text("decode(").exprs(c.args(), ", ").text(")");
                }
            }
        });
        // PostgreSQL replaces the first match unless the 'g' flag is given.
        rules.put("regexp_replace", (c, out) -> {
            boolean global = c.optionalArg(3) instanceof StringValue s && s.getValue().contains("g");
            if (global) {
                TargetSql.regexpReplaceAll(out, c.arg(0), c.arg(1), c.arg(2));
            } else if (out.target().family() == Dialect.DUCKDB || out.target().family() == Dialect.POSTGRES) {
                out.text("regexp_replace(").exprs(c.args().subList(0, 3), ", ").text(")");
            } else {
                throw new Untranslatable("regexp_replace without 'g'", "target replaces every match");
            }
        });
        return rules;
    }

    private static void renamedForDuckDb(FunctionCall c, Out out, String duckDbName) {
        if (out.target().family() == Dialect.TRINO) {
            out.text(c.name() + "(").exprs(c.args(), ", ").text(")");
        } else if (out.target().family() == Dialect.DUCKDB) {
            out.text(duckDbName + "(").exprs(c.args(), ", ").text(")");
        } else {
            throw new Untranslatable(c.name() + " with a lambda", "no lambdas in " + out.target().configName());
        }
    }

    /** MySQL's DATE_ADD(d, INTERVAL n UNIT), or DATE_ADD(d, n) meaning days. */
    private static void mysqlDateArithmetic(FunctionCall c, Out out, boolean subtract) {
        Expression second = c.arg(1);
        if (second instanceof IntervalExpression interval) {
            Interval parsed = Interval.of(interval);
            TargetSql.dateAdd(out, parsed.unit(), parsed.amount(), c.arg(0), subtract);
        } else {
            TargetSql.dateAdd(out, "day", second, c.arg(0), subtract);
        }
    }

    private static boolean hasTimeFields(List<DatetimeFormat.Part> pattern) {
        return pattern.stream().anyMatch(p -> p.field() != null && switch (p.field()) {
            case HOUR24_2, HOUR24, HOUR12_2, HOUR12, MINUTE2, SECOND2, MICROS, AM_PM -> true;
            default -> false;
        });
    }

    /** GROUP_CONCAT([DISTINCT] a[, b...] [ORDER BY ...] [SEPARATOR s]); the separator defaults to a comma. */
    private static void groupConcat(FunctionCall c, Out out) {
        Expression value = c.args().size() == 1 ? c.arg(0) : new Function("concat", c.args().toArray(Expression[]::new));
        Expression separator = c.function().getKeywordArgumentValue("SEPARATOR");
        TargetSql.stringAgg(out, c.function().isDistinct(), value, separator == null ? new StringValue(",") : separator,
                c.function().getOrderByElements());
    }

    /** A unit given as a keyword (TIMESTAMPDIFF(DAY, ...)) or as a string ('day'). */
    private static String unitName(Expression unit) {
        if (unit instanceof DateUnitExpression keyword) {
            return keyword.getType().name();
        }
        return TargetSql.literal(unit, "unit");
    }

    /** An interval split into amount and unit, whichever way it was written. */
    record Interval(Expression amount, String unit) {
        static Interval of(IntervalExpression interval) {
            String type = interval.getIntervalQualifier() == null
                    ? interval.getIntervalType()
                    : qualifierUnit(interval);
            Expression amount = interval.getExpression();
            String parameter = interval.getParameter();
            if (type == null) {
                // PostgreSQL style: INTERVAL '30 days'
                String text = unquote(parameter);
                String[] words = text.trim().split("\\s+");
                if (words.length != 2) {
                    throw new Untranslatable("INTERVAL " + parameter, "only a single 'n unit' interval is translated");
                }
                return new Interval(number(words[0]), TargetSql.unit(words[1]));
            }
            if (amount == null) {
                amount = number(unquote(parameter));
            }
            return new Interval(amount, TargetSql.unit(type));
        }

        /** INTERVAL '1' DAY; a range such as DAY TO SECOND has no single unit. */
        private static String qualifierUnit(IntervalExpression interval) {
            IntervalQualifier qualifier = interval.getIntervalQualifier();
            if (qualifier.getTrailingField() != null) {
                throw new Untranslatable("INTERVAL " + qualifier, "only a single 'n unit' interval is translated");
            }
            return qualifier.getLeadingField();
        }

        private static String unquote(String text) {
            String t = text.trim();
            return t.startsWith("'") && t.endsWith("'") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
        }

        private static Expression number(String text) {
            try {
                return text.contains(".") ? new DoubleValue(text) : new LongValue(text);
            } catch (NumberFormatException e) {
                try {
                    return CCJSqlParserUtil.parseExpression(text);
                } catch (Exception parse) {
                    throw new Untranslatable("interval amount " + text, "not a number");
                }
            }
        }
    }
}

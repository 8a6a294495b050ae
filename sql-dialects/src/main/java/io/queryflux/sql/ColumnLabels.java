package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;

/**
 * The names the client's own database gives a query's result columns, which an engine of another
 * dialect names its own way: PostgreSQL calls {@code count(*)} "count" and {@code a + 1}
 * "?column?", Trino calls them "_col0" and "_col1", where DuckDB says "count_star()" and
 * "(a + 1)". Frontends rename the engine's columns to these, so clients that read columns by
 * name see what they would see on their database. Thread-safe; results are cached by statement
 * text.
 */
public final class ColumnLabels {
    /** PostgreSQL's internal names of the types a cast names a constant's column after. */
    private static final Map<String, String> PG_TYPE_NAMES = Map.ofEntries(
            Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("bigint", "int8"),
            Map.entry("smallint", "int2"), Map.entry("boolean", "bool"), Map.entry("real", "float4"),
            Map.entry("double precision", "float8"), Map.entry("float", "float8"), Map.entry("decimal", "numeric"),
            Map.entry("character varying", "varchar"), Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("time with time zone", "timetz"), Map.entry("time without time zone", "time"));

    /** A name and how sure PostgreSQL is of it (FigureColnameInternal's strength). */
    private record Label(String name, int strength) {
        static final Label NONE = new Label("?column?", 0);

        static Label weak(String name) {
            return new Label(name, 1);
        }

        static Label strong(String name) {
            return new Label(name, 2);
        }
    }

    /** How a dialect names the column of a select-list item and of a VALUES list. */
    private enum Naming {
        /** FigureColname: unquoted names folded to lower case, expressions named after their function or type. */
        POSTGRES {
            @Override
            String item(Expression expression, Alias alias, int index) {
                return alias != null ? identifier(alias.getName()) : label(expression).name();
            }

            @Override
            String valuesColumn(int index) {
                return "column" + (index + 1);
            }
        },
        /** Trino's analyzer: names as written, any other expression {@code _col} and its position. */
        TRINO {
            @Override
            String item(Expression expression, Alias alias, int index) {
                if (alias != null) {
                    return unquoted(alias.getName());
                }
                Expression inner = expression;
                while (inner instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                    inner = list.getFirst(); // (id) is still the column id
                }
                return inner instanceof Column column ? unquoted(column.getColumnName()) : valuesColumn(index);
            }

            @Override
            String valuesColumn(int index) {
                return "_col" + index;
            }
        };

        abstract String item(Expression expression, Alias alias, int index);

        abstract String valuesColumn(int index);
    }

    private static final int MAX_CACHED_LENGTH = 16 * 1024;

    private final Optional<Naming> naming;
    private final LruCache<String, Optional<List<String>>> cache;

    /** Labels as {@code client}'s database does; only PostgreSQL's and Trino's rules are known here. */
    public ColumnLabels(Dialect client, int cacheSize) {
        this.naming = switch (client.family()) {
            case POSTGRES -> Optional.of(Naming.POSTGRES);
            case TRINO -> Optional.of(Naming.TRINO);
            default -> Optional.empty();
        };
        this.cache = new LruCache<>(cacheSize);
    }

    /**
     * The client dialect's names of the statement's result columns, in order; empty when they
     * cannot be told from the text (not a query, a {@code *} in the select list, unparsable) or
     * the dialect's rules are not known here.
     */
    public Optional<List<String>> of(String sql) {
        requireNonNull(sql, "sql is null");
        if (naming.isEmpty()) {
            return Optional.empty();
        }
        if (sql.length() > MAX_CACHED_LENGTH) {
            return labels(sql, naming.get()); // kept out of the cache, whose entries hold their statement's text
        }
        Optional<List<String>> labels = cache.get(sql);
        if (labels == null) {
            labels = labels(sql, naming.get());
            cache.put(sql, labels);
        }
        return labels;
    }

    /**
     * The names for a result of {@code width} columns, as {@link #of(String)} gives them; empty
     * also when their number is not the engine's or the statement is one the labeller misreads,
     * so that the result keeps the engine's names and the statement still runs.
     */
    public Optional<List<String>> of(String sql, int width) {
        try {
            return of(sql).filter(names -> names.size() == width);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> labels(String sql, Naming naming) {
        Statement statement = FastSelectParser.parse(sql);
        if (statement == null) {
            try {
                statement = StatementTranslator.parse(sql);
            } catch (Untranslatable e) {
                return Optional.empty();
            }
        }
        return statement instanceof Select select ? selectLabels(select, naming) : Optional.empty();
    }

    private static Optional<List<String>> selectLabels(Select select, Naming naming) {
        return switch (select) {
            case PlainSelect plain -> itemLabels(plain.getSelectItems(), naming);
            // A set operation's columns are named by its first query, in PostgreSQL and Trino alike.
            case SetOperationList set -> selectLabels(set.getSelects().getFirst(), naming);
            case ParenthesedSelect parenthesed -> selectLabels(parenthesed.getSelect(), naming);
            case Values values -> {
                // VALUES (1, 'a'), (2, 'b') is a list of rows; a single row (1, 'a') comes as one parenthesed list.
                int width = values.getExpressions().getFirst() instanceof ParenthesedExpressionList<?> row ? row.size()
                        : values.getExpressions() instanceof ParenthesedExpressionList<?> single ? single.size() : 1;
                List<String> names = new ArrayList<>(width);
                for (int i = 0; i < width; i++) {
                    names.add(naming.valuesColumn(i));
                }
                yield Optional.of(List.copyOf(names));
            }
            default -> Optional.empty();
        };
    }

    private static Optional<List<String>> itemLabels(List<SelectItem<?>> items, Naming naming) {
        List<String> names = new ArrayList<>(items.size());
        for (SelectItem<?> item : items) {
            if (item.getExpression() instanceof AllColumns) {
                return Optional.empty(); // * and t.*: how many columns is the engine's to say
            }
            names.add(naming.item(item.getExpression(), item.getAlias(), names.size()));
        }
        return Optional.of(List.copyOf(names));
    }

    /** PostgreSQL's FigureColnameInternal over JSQLParser's tree. */
    private static Label label(Expression expression) {
        return switch (expression) {
            case Column column -> Label.strong(identifier(column.getColumnName()));
            case BooleanValue ignored -> Label.weak("bool"); // a cast of 't' or 'f' in PostgreSQL's grammar
            case ExtractExpression ignored -> Label.strong("extract");
            case TrimFunction ignored -> Label.strong("btrim");
            case AnalyticExpression window -> Label.strong(functionName(window.getName()));
            case Function function -> Label.strong(functionName(function.getName()));
            case CastExpression cast -> {
                Label inner = label(cast.getLeftExpression());
                yield inner.strength() > 1 ? inner : Label.weak(typeName(cast.getColDataType().getDataType()));
            }
            case CaseExpression ignored -> Label.weak("case");
            case CollateExpression collate -> label(collate.getLeftExpression());
            case RowConstructor<?> ignored -> Label.strong("row");
            case ParenthesedExpressionList<?> list -> list.size() == 1 ? label(list.getFirst()) : Label.strong("row");
            case ArrayConstructor ignored -> Label.strong("array");
            case ArrayExpression element -> label(element.getObjExpression());
            case ExistsExpression ignored -> Label.strong("exists");
            case ParenthesedSelect subquery -> subquery.getSelect() instanceof PlainSelect plain
                    && plain.getSelectItems().size() == 1 && !(plain.getSelectItems().getFirst().getExpression()
                            instanceof AllColumns)
                    ? itemLabels(plain.getSelectItems(), Naming.POSTGRES).map(names -> Label.strong(names.getFirst()))
                            .orElse(Label.NONE)
                    : Label.NONE;
            case TimeKeyExpression key -> Label.strong(key.getStringValue().toLowerCase(Locale.ROOT)
                    .replaceAll("\\s*\\(.*$", ""));
            case DateTimeLiteralExpression literal -> Label.weak(typeName(literal.getType().name()));
            case IntervalExpression ignored -> Label.weak("interval");
            default -> Label.NONE;
        };
    }

    private static String functionName(String written) {
        return identifier(written.substring(written.lastIndexOf('.') + 1));
    }

    private static String typeName(String written) {
        String type = written.toLowerCase(Locale.ROOT).replaceAll("\\s*\\(.*?\\)", "").replaceAll("\\s+", " ").strip();
        type = type.substring(type.lastIndexOf('.') + 1);
        return PG_TYPE_NAMES.getOrDefault(type, type);
    }

    /** An identifier as PostgreSQL folds it: quoted kept as written, else lower case. */
    private static String identifier(String written) {
        return isQuoted(written) ? unquoted(written) : written.toLowerCase(Locale.ROOT);
    }

    /** An identifier as written, its quotes taken off. */
    private static String unquoted(String written) {
        return isQuoted(written) ? written.substring(1, written.length() - 1).replace("\"\"", "\"") : written;
    }

    private static boolean isQuoted(String written) {
        return written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"");
    }
}

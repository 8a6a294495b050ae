package io.queryflux.protocol.pg.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL-level prepared statements: {@code PREPARE}, {@code EXECUTE} and {@code DEALLOCATE}, which
 * the proxy serves itself (an engine connection is the statement's for one statement only).
 * This is their reading, in PostgreSQL's grammar.
 */
public sealed interface PreparedSql {
    /** Every statement's first word: these are prepared-statement statements only. */
    Set<String> FIRST_WORDS = Set.of("PREPARE", "EXECUTE", "DEALLOCATE");

    /** {@code PREPARE name [(type, ...)] AS statement}. */
    record Prepare(String name, List<String> types, String statement) implements PreparedSql {
        public Prepare {
            requireNonNull(name, "name is null");
            types = List.copyOf(types);
            requireNonNull(statement, "statement is null");
        }

        /**
         * The statement with each parameter of a declared type cast to it, as PostgreSQL types it
         * (a type modifier such as {@code numeric(5,2)} does not apply to parameters, so it is left out).
         *
         * @throws IllegalArgumentException for a parameter number PostgreSQL would not take ($0)
         */
        public String typedStatement() {
            int count = Math.max(types.size(), SqlText.parameterCount(statement));
            String[] parameters = new String[count];
            for (int i = 0; i < count; i++) {
                parameters[i] = i < types.size()
                        ? "CAST($" + (i + 1) + " AS " + types.get(i).replaceAll("\\s*\\([^)]*\\)", "") + ")"
                        : "$" + (i + 1);
            }
            return SqlText.bind(statement, List.of(parameters));
        }
    }

    /** {@code EXECUTE name [(argument, ...)]}: arguments are SQL expressions. */
    record Execute(String name, List<String> arguments) implements PreparedSql {
        public Execute {
            requireNonNull(name, "name is null");
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code DEALLOCATE [PREPARE] name}, or {@code ALL} (no name). */
    record Deallocate(Optional<String> name) implements PreparedSql {
        public Deallocate {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * Reads a statement whose first word is one of {@link #FIRST_WORDS}.
     *
     * @throws IllegalArgumentException when it does not follow PostgreSQL's grammar
     */
    static PreparedSql parse(String sql) {
        String first = SqlText.firstWord(sql);
        StatementReader in = StatementReader.of(sql, first);
        in.expectWord(first);
        return switch (first) {
            case "PREPARE" -> {
                String name = StatementReader.folded(in.name());
                List<String> types = in.peek() == '(' ? in.parenthesizedList() : List.of();
                in.expectWord("AS");
                String statement = in.rest();
                if (statement.isEmpty()) {
                    throw new IllegalArgumentException("PREPARE needs a statement after AS");
                }
                yield new Prepare(name, types, statement);
            }
            case "EXECUTE" -> {
                String name = StatementReader.folded(in.name());
                List<String> arguments = in.peek() == '(' ? in.parenthesizedList() : List.of();
                if (!in.rest().isEmpty()) {
                    throw new IllegalArgumentException("syntax error after EXECUTE " + name);
                }
                yield new Execute(name, arguments);
            }
            case "DEALLOCATE" -> {
                String name = in.name();
                if (name.equalsIgnoreCase("PREPARE") && !in.atEnd()) {
                    name = in.name();
                }
                in.rest();
                yield new Deallocate(name.equalsIgnoreCase("ALL") ? Optional.empty() : Optional.of(StatementReader.folded(name)));
            }
            default -> throw new IllegalArgumentException("not a prepared-statement statement: " + first);
        };
    }
}

package io.queryflux.protocol.pg.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A SQL-level cursor statement: {@code DECLARE}, {@code FETCH}, {@code MOVE} or {@code CLOSE}, as
 * psql's {@code FETCH_COUNT} and psycopg's named cursors send them. The proxy serves them itself,
 * for every engine; this is their reading, in PostgreSQL's grammar.
 */
public sealed interface CursorStatement {
    /** Every statement's first word: these are cursor statements only. */
    Set<String> FIRST_WORDS = Set.of("DECLARE", "FETCH", "MOVE", "CLOSE");

    /** {@code FETCH ALL} and {@code MOVE ALL}. */
    long ALL = Long.MAX_VALUE;

    /**
     * {@code DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD] FOR query}.
     *
     * @param scroll SCROLL was asked for (backward fetching)
     */
    record Declare(String name, String query, boolean withHold, boolean scroll, boolean binary)
            implements CursorStatement {
        public Declare {
            requireNonNull(name, "name is null");
            requireNonNull(query, "query is null");
        }
    }

    /** Where a FETCH or MOVE goes. */
    enum Direction {
        /** {@code count} rows on ({@link #ALL}: to the end): NEXT, FORWARD [n | ALL], n, ALL. */
        FORWARD,
        /** To row {@code count} (1 is the first): ABSOLUTE n, FIRST. */
        ABSOLUTE,
        /** To the {@code count}th row on: RELATIVE n. */
        RELATIVE,
        /** Anywhere behind: PRIOR, LAST, BACKWARD, ABSOLUTE or RELATIVE of 0 or less, a negative count. */
        BACKWARD
    }

    /** {@code FETCH} ({@code move} false) or {@code MOVE}. */
    record Fetch(String name, Direction direction, long count, boolean move) implements CursorStatement {
        public Fetch {
            requireNonNull(name, "name is null");
            requireNonNull(direction, "direction is null");
        }
    }

    /** {@code CLOSE name}, or {@code CLOSE ALL} (no name). */
    record Close(Optional<String> name) implements CursorStatement {
        public Close {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * Reads a statement whose first word is one of {@link #FIRST_WORDS}.
     *
     * @throws IllegalArgumentException when it does not follow PostgreSQL's grammar
     */
    static CursorStatement parse(String sql) {
        String first = SqlText.firstWord(sql);
        StatementReader in = StatementReader.of(sql, first);
        in.expectWord(first);
        return switch (first) {
            case "DECLARE" -> declare(in);
            case "FETCH", "MOVE" -> fetch(in, first.equals("MOVE"));
            case "CLOSE" -> {
                String name = StatementReader.folded(in.name());
                in.rest();
                yield new Close(name.equals("all") ? Optional.empty() : Optional.of(name));
            }
            default -> throw new IllegalArgumentException("not a cursor statement: " + first);
        };
    }

    private static Declare declare(StatementReader in) {
        String name = StatementReader.folded(in.name());
        boolean binary = false;
        boolean scroll = false;
        String word = in.word();
        while (!word.equals("CURSOR")) {
            switch (word) {
                case "BINARY" -> binary = true;
                case "ASENSITIVE", "INSENSITIVE" -> {
                    // PostgreSQL's cursors are insensitive either way
                }
                case "NO" -> in.expectWord("SCROLL");
                case "SCROLL" -> scroll = true;
                default -> throw new IllegalArgumentException("syntax error at or near \"" + word.toLowerCase(Locale.ROOT)
                        + "\" in DECLARE");
            }
            word = in.word();
        }
        boolean withHold = false;
        String next = in.word();
        if (next.equals("WITH") || next.equals("WITHOUT")) {
            in.expectWord("HOLD");
            withHold = next.equals("WITH");
            next = in.word();
        }
        if (!next.equals("FOR")) {
            throw new IllegalArgumentException("expected FOR but found " + next + " in DECLARE");
        }
        String query = in.rest();
        if (query.isEmpty()) {
            throw new IllegalArgumentException("DECLARE needs a query after FOR");
        }
        return new Declare(name, query, withHold, scroll, binary);
    }

    private static Fetch fetch(StatementReader in, boolean move) {
        List<String> words = new ArrayList<>();
        while (!in.atEnd() && in.peek() != ';') {
            words.add(in.name());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("syntax error at end of input: a cursor name is missing");
        }
        String name = StatementReader.folded(words.removeLast());
        List<String> direction = words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
        if (!direction.isEmpty() && (direction.getLast().equals("FROM") || direction.getLast().equals("IN"))) {
            direction = direction.subList(0, direction.size() - 1);
        }
        String verb = move ? "MOVE" : "FETCH";
        return switch (direction.size()) {
            case 0 -> new Fetch(name, Direction.FORWARD, 1, move);
            case 1 -> switch (direction.getFirst()) {
                case "NEXT", "FORWARD" -> new Fetch(name, Direction.FORWARD, 1, move);
                case "ALL" -> new Fetch(name, Direction.FORWARD, ALL, move);
                case "FIRST" -> new Fetch(name, Direction.ABSOLUTE, 1, move);
                case "PRIOR", "LAST", "BACKWARD" -> new Fetch(name, Direction.BACKWARD, 1, move);
                default -> counted(name, Direction.FORWARD, direction.getFirst(), move, verb);
            };
            case 2 -> switch (direction.getFirst()) {
                case "FORWARD" -> direction.get(1).equals("ALL") ? new Fetch(name, Direction.FORWARD, ALL, move)
                        : counted(name, Direction.FORWARD, direction.get(1), move, verb);
                case "ABSOLUTE" -> counted(name, Direction.ABSOLUTE, direction.get(1), move, verb);
                case "RELATIVE" -> counted(name, Direction.RELATIVE, direction.get(1), move, verb);
                case "BACKWARD" -> new Fetch(name, Direction.BACKWARD, 1, move);
                default -> throw new IllegalArgumentException("syntax error in " + verb + " direction: "
                        + String.join(" ", direction).toLowerCase(Locale.ROOT));
            };
            default -> throw new IllegalArgumentException("syntax error in " + verb + " direction: "
                    + String.join(" ", direction).toLowerCase(Locale.ROOT));
        };
    }

    /** A counted direction; a count that points behind (negative; 0 for ABSOLUTE and RELATIVE) is BACKWARD. */
    private static Fetch counted(String name, Direction direction, String count, boolean move, String verb) {
        long rows;
        try {
            rows = Long.parseLong(count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("syntax error at or near \"" + count.toLowerCase(Locale.ROOT) + "\" in "
                    + verb);
        }
        boolean behind = rows < 0 || (rows == 0 && direction != Direction.FORWARD);
        return new Fetch(name, behind ? Direction.BACKWARD : direction, Math.abs(rows), move);
    }
}

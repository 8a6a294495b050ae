package io.queryflux.protocol.pg.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * {@code COPY (query) TO STDOUT} or {@code COPY table [(columns)] TO STDOUT}, with the text or
 * CSV options PostgreSQL takes (new {@code WITH (FORMAT csv, HEADER, DELIMITER ',', NULL '')}
 * and legacy {@code CSV HEADER DELIMITER ','} spellings): the one COPY form the proxy serves,
 * since engines would read {@code STDOUT} as a file of their own. psql's {@code \copy ... to
 * stdout} and pgjdbc's CopyManager send it.
 *
 * @param query the SELECT whose rows are copied out
 */
public record CopyToStdout(String query, boolean csv, boolean header, char delimiter, String nullText) {
    public CopyToStdout {
        requireNonNull(query, "query is null");
        requireNonNull(nullText, "nullText is null");
    }

    /**
     * Whether a COPY statement reads from the client ({@code COPY table [(columns)] FROM STDIN
     * ...}), the direction the proxy passes on to a PostgreSQL engine instead of serving.
     */
    public static boolean isFromStdin(String sql) {
        try {
            StatementReader in = new StatementReader(sql.strip(), "COPY");
            in.expectWord("COPY");
            if (in.peek() == '(') {
                return false; // a query is copied TO, never FROM
            }
            in.name();
            if (in.peek() == '(') {
                in.parenthesized();
            }
            return in.word().equals("FROM") && in.word().equals("STDIN");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads a COPY statement.
     *
     * @throws IllegalArgumentException naming what is not supported (COPY FROM, a file, BINARY...)
     */
    public static CopyToStdout parse(String sql) {
        StatementReader in = new StatementReader(sql.strip(), "COPY");
        in.expectWord("COPY");
        String query;
        if (in.peek() == '(') {
            query = in.parenthesized();
        } else {
            String table = in.name();
            String columns = in.peek() == '(' ? in.parenthesized() : "*";
            query = "SELECT " + columns + " FROM " + table;
        }
        String direction = in.word();
        if (!direction.equals("TO")) {
            throw new IllegalArgumentException("COPY " + direction + " is not supported by the QueryFlux PostgreSQL"
                    + " frontend; only COPY ... TO STDOUT");
        }
        String target = in.word();
        if (!target.equals("STDOUT")) {
            throw new IllegalArgumentException("COPY TO a file or program is not supported; use COPY ... TO STDOUT"
                    + " (psql: \\copy)");
        }
        Options options = new Options();
        if (in.peekWord().equals("WITH")) {
            in.word();
        }
        if (in.peek() == '(') {
            StatementReader list = new StatementReader(in.parenthesized(), "COPY");
            while (!list.atEnd()) {
                options.set(list.word(), list);
                list.skip(',');
            }
        } else {
            while (!in.atEnd() && in.peek() != ';') {
                String word = in.word();
                switch (word) {
                    case "CSV", "BINARY" -> options.set("FORMAT", new StatementReader(word, "COPY"));
                    case "DELIMITER", "NULL" -> {
                        if (in.peekWord().equals("AS")) {
                            in.word();
                        }
                        options.set(word, in);
                    }
                    default -> options.set(word, in);
                }
            }
        }
        char delimiter = options.delimiter == null ? (options.csv ? ',' : '\t') : options.delimiter;
        String nullText = options.nullText == null ? (options.csv ? "" : "\\N") : options.nullText;
        return new CopyToStdout(query, options.csv, options.header, delimiter, nullText);
    }

    /** One row as a line of COPY output (with its newline), values already in PostgreSQL's text form; null for NULL. */
    public String line(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            String value = values.get(i);
            if (value == null) {
                line.append(nullText);
            } else if (csv) {
                csvField(line, value);
            } else {
                textField(line, value);
            }
        }
        return line.append('\n').toString();
    }

    private void textField(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c == delimiter) {
                        line.append('\\');
                    }
                    line.append(c);
                }
            }
        }
    }

    /** Quoted when it holds the delimiter, a quote or a line break, or could be read as NULL. */
    private void csvField(StringBuilder line, String value) {
        boolean quote = value.equals(nullText) || value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** The options as given; validated as they are read. */
    private static final class Options {
        boolean csv;
        boolean header;
        Character delimiter;
        String nullText;

        void set(String option, StatementReader value) {
            switch (option) {
                case "FORMAT" -> {
                    String format = value.word();
                    switch (format) {
                        case "CSV" -> csv = true;
                        case "TEXT" -> csv = false;
                        default -> throw new IllegalArgumentException("COPY format " + format.toLowerCase(Locale.ROOT)
                                + " is not supported; use text or csv");
                    }
                }
                case "HEADER" -> {
                    // HEADER alone means true; a boolean may follow (HEADER false), another option may not be eaten.
                    String next = value.atEnd() || value.peek() == '1' || value.peek() == '0' ? "" : value.peekWord();
                    if (!value.atEnd() && (value.peek() == '1' || value.peek() == '0')) {
                        next = value.word();
                    } else if (List.of("TRUE", "FALSE", "ON", "OFF").contains(next)) {
                        value.word();
                    }
                    header = !List.of("FALSE", "OFF", "0").contains(next);
                }
                case "DELIMITER" -> {
                    String text = value.string();
                    if (text.length() != 1) {
                        throw new IllegalArgumentException("COPY delimiter must be a single one-byte character");
                    }
                    delimiter = text.charAt(0);
                }
                case "NULL" -> nullText = value.string();
                default -> throw new IllegalArgumentException("COPY option " + option + " is not supported");
            }
        }
    }
}

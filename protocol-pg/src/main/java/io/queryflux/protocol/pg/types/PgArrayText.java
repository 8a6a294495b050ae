package io.queryflux.protocol.pg.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An array in PostgreSQL's text form ({@code {1,2}}, {@code {"a b",NULL,"q\"uote"}},
 * {@code {{1,2},{3,4}}}), as drivers send an array parameter in text (node-postgres, pgjdbc's
 * setArray without binary transfer): a list of element texts (null for NULL) and, for more than
 * one dimension, of such lists.
 */
final class PgArrayText {
    /** As deep as the binary form is allowed to go. */
    private static final int MAX_DIMENSIONS = 6;

    private final String text;
    private int at;

    private PgArrayText(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException for text PostgreSQL's array input refuses (or bounds, which it allows) */
    static List<Object> parse(String text) {
        PgArrayText parser = new PgArrayText(text);
        parser.skipSpace();
        List<Object> array = parser.array(1);
        parser.skipSpace();
        if (parser.at != text.length()) {
            throw parser.malformed("junk after closing right brace");
        }
        return array;
    }

    /** How many dimensions the parsed array has: the depth of its first elements. */
    static int dimensions(List<Object> array) {
        int depth = 1;
        for (Object first = array.isEmpty() ? null : array.getFirst(); first instanceof List<?> inner;
                first = inner.isEmpty() ? null : inner.getFirst()) {
            depth++;
        }
        return depth;
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DIMENSIONS) {
            throw malformed("more than " + MAX_DIMENSIONS + " dimensions");
        }
        expect('{');
        skipSpace();
        if (peek() == '}') {
            at++;
            return Collections.emptyList();
        }
        List<Object> elements = new ArrayList<>();
        while (true) {
            skipSpace();
            elements.add(peek() == '{' ? array(depth + 1) : peek() == '"' ? quoted() : unquoted());
            skipSpace();
            char next = next();
            if (next == '}') {
                return sameShape(elements);
            }
            if (next != ',') {
                throw malformed("unexpected character \"" + next + "\"");
            }
        }
    }

    /** PostgreSQL's arrays are rectangular: all elements arrays, or none. */
    private List<Object> sameShape(List<Object> elements) {
        boolean nested = elements.getFirst() instanceof List;
        for (Object element : elements) {
            if ((element instanceof List) != nested) {
                throw malformed("multidimensional arrays must have sub-arrays with matching dimensions");
            }
        }
        return elements;
    }

    private String quoted() {
        at++; // the opening quote
        StringBuilder element = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return element.toString();
            }
            element.append(c == '\\' ? next() : c);
        }
    }

    /** Up to the next comma or brace, trailing spaces dropped; NULL unless a character of it was escaped. */
    private String unquoted() {
        StringBuilder element = new StringBuilder();
        int kept = 0; // the length without trailing unescaped spaces
        boolean escaped = false;
        while (at < text.length() && peek() != ',' && peek() != '}') {
            char c = next();
            if (c == '{' || c == '"') {
                throw malformed("unexpected \"" + c + "\" character");
            }
            if (c == '\\') {
                element.append(next());
                escaped = true;
                kept = element.length();
            } else {
                element.append(c);
                kept = Character.isWhitespace(c) ? kept : element.length();
            }
        }
        String value = element.substring(0, kept);
        if (value.isEmpty()) {
            throw malformed("an element is empty");
        }
        return !escaped && value.equalsIgnoreCase("NULL") ? null : value;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw malformed(c == '{' ? "array value must start with \"{\" or dimension information" : "expected \"" + c + "\"");
        }
        at++;
    }

    private char peek() {
        if (at >= text.length()) {
            throw malformed("unexpected end of input");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private IllegalArgumentException malformed(String detail) {
        return new IllegalArgumentException("malformed array literal: \"" + text + "\": " + detail);
    }
}

package io.queryflux.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts datetime format strings between the four pattern languages in use: MySQL's
 * {@code %Y-%m-%d} (MySQL DATE_FORMAT, Trino date_format/date_parse), strftime (DuckDB),
 * PostgreSQL's {@code YYYY-MM-DD} (to_char, to_timestamp) and Joda's {@code yyyy-MM-dd}
 * (Trino format_datetime/parse_datetime).
 */
enum DatetimeFormat {
    MYSQL(true, tokens(
            "%Y", Field.YEAR4, "%y", Field.YEAR2, "%m", Field.MONTH2, "%c", Field.MONTH,
            "%M", Field.MONTH_NAME, "%b", Field.MONTH_ABBR, "%d", Field.DAY2, "%e", Field.DAY,
            "%j", Field.DAY_OF_YEAR, "%H", Field.HOUR24_2, "%k", Field.HOUR24, "%h", Field.HOUR12_2,
            "%I", Field.HOUR12_2, "%l", Field.HOUR12, "%i", Field.MINUTE2, "%s", Field.SECOND2,
            "%S", Field.SECOND2, "%f", Field.MICROS, "%p", Field.AM_PM, "%W", Field.WEEKDAY_NAME,
            "%a", Field.WEEKDAY_ABBR)),
    STRFTIME(true, tokens(
            "%Y", Field.YEAR4, "%y", Field.YEAR2, "%m", Field.MONTH2, "%-m", Field.MONTH,
            "%B", Field.MONTH_NAME, "%b", Field.MONTH_ABBR, "%d", Field.DAY2, "%-d", Field.DAY,
            "%j", Field.DAY_OF_YEAR, "%H", Field.HOUR24_2, "%-H", Field.HOUR24, "%I", Field.HOUR12_2,
            "%-I", Field.HOUR12, "%M", Field.MINUTE2, "%S", Field.SECOND2, "%f", Field.MICROS,
            "%p", Field.AM_PM, "%A", Field.WEEKDAY_NAME, "%a", Field.WEEKDAY_ABBR)),
    POSTGRES(false, tokens(
            "YYYY", Field.YEAR4, "YY", Field.YEAR2, "MM", Field.MONTH2, "FMMM", Field.MONTH,
            "FMMonth", Field.MONTH_NAME, "Mon", Field.MONTH_ABBR, "DD", Field.DAY2, "FMDD", Field.DAY,
            "DDD", Field.DAY_OF_YEAR, "HH24", Field.HOUR24_2, "FMHH24", Field.HOUR24,
            "HH12", Field.HOUR12_2, "HH", Field.HOUR12_2, "FMHH12", Field.HOUR12, "MI", Field.MINUTE2,
            "SS", Field.SECOND2, "US", Field.MICROS, "AM", Field.AM_PM, "PM", Field.AM_PM,
            "FMDay", Field.WEEKDAY_NAME, "Dy", Field.WEEKDAY_ABBR)),
    JODA(false, tokens(
            "yyyy", Field.YEAR4, "yy", Field.YEAR2, "MM", Field.MONTH2, "M", Field.MONTH,
            "MMMM", Field.MONTH_NAME, "MMM", Field.MONTH_ABBR, "dd", Field.DAY2, "d", Field.DAY,
            "DDD", Field.DAY_OF_YEAR, "HH", Field.HOUR24_2, "H", Field.HOUR24, "hh", Field.HOUR12_2,
            "h", Field.HOUR12, "mm", Field.MINUTE2, "ss", Field.SECOND2, "SSSSSS", Field.MICROS,
            "a", Field.AM_PM, "EEEE", Field.WEEKDAY_NAME, "EEE", Field.WEEKDAY_ABBR));

    /** The parts of a date or time a pattern can print. */
    enum Field {
        YEAR4, YEAR2, MONTH2, MONTH, MONTH_NAME, MONTH_ABBR, DAY2, DAY, DAY_OF_YEAR,
        HOUR24_2, HOUR24, HOUR12_2, HOUR12, MINUTE2, SECOND2, MICROS, AM_PM, WEEKDAY_NAME, WEEKDAY_ABBR
    }

    /** One piece of a parsed pattern: a field, or literal text when field is null. */
    record Part(Field field, String literal) {}

    private final boolean percentStyle;
    private final Map<String, Field> tokens;

    DatetimeFormat(boolean percentStyle, Map<String, Field> tokens) {
        this.percentStyle = percentStyle;
        this.tokens = tokens;
    }

    /** Converts a pattern written in this language into {@code target}'s. */
    String convertTo(DatetimeFormat target, String pattern) {
        return target.render(parse(pattern));
    }

    List<Part> parse(String pattern) {
        return percentStyle ? parsePercent(pattern) : parseLetters(pattern);
    }

    private List<Part> parsePercent(String pattern) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (pattern.startsWith("%%", i)) {
                literal.append('%');
                i++;
                continue;
            }
            if (this == MYSQL && pattern.startsWith("%T", i)) {
                flush(parts, literal);
                parts.addAll(parsePercent("%H:%i:%s"));
                i++;
                continue;
            }
            String token = pattern.startsWith("%-", i) && i + 2 < pattern.length()
                    ? pattern.substring(i, i + 3)
                    : pattern.substring(i, Math.min(i + 2, pattern.length()));
            Field field = tokens.get(token);
            if (field == null) {
                throw new Untranslatable("format specifier " + token, "not supported in " + name() + " patterns");
            }
            flush(parts, literal);
            parts.add(new Part(field, null));
            i += token.length() - 1;
        }
        flush(parts, literal);
        return parts;
    }

    private List<Part> parseLetters(String pattern) {
        char quote = this == POSTGRES ? '"' : '\'';
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == quote) {
                int end = pattern.indexOf(quote, i + 1);
                if (end < 0) {
                    throw new Untranslatable("format pattern " + pattern, "unterminated quoted text");
                }
                literal.append(pattern, i + 1, end);
                i = end + 1;
                continue;
            }
            String token = longestToken(pattern, i);
            if (token == null) {
                if (Character.isLetter(c) && (this == JODA || isPostgresPaddedName(pattern, i))) {
                    throw new Untranslatable("format pattern letter '" + c + "'", "not supported in " + name() + " patterns");
                }
                literal.append(c);
                i++;
                continue;
            }
            flush(parts, literal);
            parts.add(new Part(tokens.get(token), null));
            i += token.length();
        }
        flush(parts, literal);
        return parts;
    }

    /** PostgreSQL pads Month and Day to nine characters unless FM is given; no other engine can. */
    private boolean isPostgresPaddedName(String pattern, int at) {
        return pattern.startsWith("Month", at) || pattern.startsWith("Day", at)
                || pattern.startsWith("MONTH", at) || pattern.startsWith("DAY", at);
    }

    private String longestToken(String pattern, int at) {
        String best = null;
        for (String token : tokens.keySet()) {
            if (pattern.startsWith(token, at) && (best == null || token.length() > best.length())) {
                best = token;
            }
        }
        return best;
    }

    String render(List<Part> parts) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part.field() == null) {
                out.append(quoteLiteral(part.literal()));
            } else {
                out.append(tokenFor(part.field()));
            }
        }
        return out.toString();
    }

    private String tokenFor(Field field) {
        for (Map.Entry<String, Field> entry : tokens.entrySet()) {
            if (entry.getValue() == field) {
                return entry.getKey();
            }
        }
        throw new Untranslatable("format field " + field, "not supported in " + name() + " patterns");
    }

    private String quoteLiteral(String text) {
        if (percentStyle) {
            return text.replace("%", "%%");
        }
        boolean hasLetters = text.chars().anyMatch(Character::isLetter);
        if (!hasLetters) {
            return text;
        }
        return this == POSTGRES ? '"' + text + '"' : "'" + text.replace("'", "''") + "'";
    }

    private static void flush(List<Part> parts, StringBuilder literal) {
        if (!literal.isEmpty()) {
            parts.add(new Part(null, literal.toString()));
            literal.setLength(0);
        }
    }

    private static Map<String, Field> tokens(Object... pairs) {
        Map<String, Field> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Field) pairs[i + 1]);
        }
        return map;
    }
}

package io.queryflux.protocol.trino;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trino's {@code updateType} for a statement that returned no rows ({@code INSERT},
 * {@code CREATE TABLE}, ...), named from the statement's leading keywords: the proxy does not
 * parse SQL here, and clients only show or log this name.
 */
final class UpdateTypes {
    private static final Pattern LEADING_COMMENTS = Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*",
            Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");
    private static final Set<String> WITH_OBJECT = Set.of("CREATE", "DROP", "ALTER", "TRUNCATE", "COMMENT");
    private static final Set<String> MODIFIERS = Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "IF", "NOT", "EXISTS",
            "MATERIALIZED", "UNIQUE", "ON", "PERSISTENT");

    private UpdateTypes() {}

    static String of(String sql) {
        Matcher comments = LEADING_COMMENTS.matcher(sql);
        String text = comments.lookingAt() ? sql.substring(comments.end()) : sql;
        Matcher words = WORD.matcher(text);
        if (!words.lookingAt()) {
            return "UNKNOWN";
        }
        String first = words.group().toUpperCase(Locale.ROOT);
        if (!WITH_OBJECT.contains(first)) {
            return first;
        }
        String second = "";
        while (words.find()) {
            String word = words.group().toUpperCase(Locale.ROOT);
            if (!MODIFIERS.contains(word)) {
                second = word;
                break;
            }
        }
        if (first.equals("TRUNCATE")) {
            return "TRUNCATE TABLE";
        }
        return second.isEmpty() ? first : first + " " + second;
    }
}

package io.queryflux.dispatch;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the statements that change session state rather than query data. The proxy
 * answers them itself: engines behind it see a fresh connection per query, so a {@code USE}
 * sent to them would be forgotten at once.
 */
final class SessionStatements {
    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern USE = Pattern.compile(
            "\\s*USE\\s+(" + IDENT + ")(?:\\s*\\.\\s*(" + IDENT + "))?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_SESSION = Pattern.compile(
            "\\s*SET\\s+SESSION\\s+(" + IDENT + "(?:\\." + IDENT + ")?)\\s*=\\s*(.+?)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RESET_SESSION = Pattern.compile(
            "\\s*RESET\\s+SESSION\\s+(" + IDENT + "(?:\\." + IDENT + ")?)\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    private SessionStatements() {}

    static Optional<SessionChange> parse(String sql) {
        // Runs on every statement: a first-word check keeps the regexes off ordinary queries.
        if (!startsWithSessionKeyword(sql)) {
            return Optional.empty();
        }
        Matcher use = USE.matcher(sql);
        if (use.matches()) {
            return Optional.of(use.group(2) == null
                    ? new SessionChange(Optional.empty(), Optional.of(unquote(use.group(1))), Map.of(), Set.of())
                    : new SessionChange(Optional.of(unquote(use.group(1))), Optional.of(unquote(use.group(2))), Map.of(),
                            Set.of()));
        }
        Matcher set = SET_SESSION.matcher(sql);
        if (set.matches()) {
            return Optional.of(new SessionChange(Optional.empty(), Optional.empty(),
                    Map.of(set.group(1), literal(set.group(2))), Set.of()));
        }
        Matcher reset = RESET_SESSION.matcher(sql);
        if (reset.matches()) {
            return Optional.of(new SessionChange(Optional.empty(), Optional.empty(), Map.of(), Set.of(reset.group(1))));
        }
        return Optional.empty();
    }

    private static boolean startsWithSessionKeyword(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return sql.regionMatches(true, i, "USE", 0, 3) || sql.regionMatches(true, i, "SET", 0, 3)
                || sql.regionMatches(true, i, "RESET", 0, 5);
    }

    private static String unquote(String identifier) {
        if (identifier.startsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        if (identifier.startsWith("`")) {
            return identifier.substring(1, identifier.length() - 1);
        }
        return identifier.toLowerCase(java.util.Locale.ROOT);
    }

    private static String literal(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        return value;
    }
}

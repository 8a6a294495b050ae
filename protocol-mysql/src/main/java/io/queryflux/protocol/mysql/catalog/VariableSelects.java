package io.queryflux.protocol.mysql.catalog;

import io.queryflux.engine.ListCursor;
import io.queryflux.engine.Column;
import io.queryflux.engine.SqlType;
import io.queryflux.protocol.mysql.codec.ErrorNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SELECT} lists made only of server variables and session functions, such as
 * Connector/J's connect-time {@code SELECT @@session.auto_increment_increment AS ..., ...}
 * or the mysql client's {@code SELECT @@version_comment LIMIT 1}. Anything else in the list
 * sends the statement to the engine.
 */
final class VariableSelects {
    private static final Pattern SELECT = Pattern.compile(
            "SELECT\\s+(.+?)(?:\\s+FROM\\s+DUAL)?(?:\\s+LIMIT\\s+\\d+)?\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ITEM = Pattern.compile(
            "(@@(?:(?:GLOBAL|SESSION|LOCAL)\\.)?([A-Za-z_][A-Za-z0-9_]*)|[A-Za-z_]+\\s*\\(\\s*\\)|CURRENT_USER"
                    + "|-?\\d+|'[^'\\\\]*')(?:\\s+(?:AS\\s+)?(" + SqlText.IDENT + "|'[^']*'))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FUNCTION = Pattern.compile("([A-Za-z_]+)\\s*\\(\\s*\\)");

    private VariableSelects() {}

    private record Item(String label, Object value) {}

    static Optional<ProxyAnswer> answer(String statement, SessionState session, String serverVersion) {
        Matcher select = SELECT.matcher(statement);
        if (!select.matches()) {
            return Optional.empty();
        }
        List<Item> items = new ArrayList<>();
        boolean special = false;
        for (String part : SqlText.splitTopLevel(select.group(1))) {
            Matcher item = ITEM.matcher(part);
            if (!item.matches()) {
                return Optional.empty();
            }
            String expression = item.group(1);
            String label = item.group(3) == null ? expression
                    : item.group(3).startsWith("'") ? item.group(3).substring(1, item.group(3).length() - 1)
                    : SqlText.unquoteIdentifier(item.group(3));
            Object value;
            if (item.group(2) != null) {
                Optional<Optional<Object>> variable = session.variables().get(item.group(2));
                if (variable.isEmpty()) {
                    return Optional.of(new ProxyAnswer.Failure(ErrorNumbers.ER_UNKNOWN_SYSTEM_VARIABLE,
                            "Unknown system variable '" + item.group(2) + "'"));
                }
                value = variable.get().orElse(null);
                special = true;
            } else if (expression.startsWith("'")) {
                value = expression.substring(1, expression.length() - 1);
            } else if (Character.isDigit(expression.charAt(expression.length() - 1))) {
                value = Long.parseLong(expression);
            } else {
                Optional<Object> function = function(expression, session, serverVersion);
                if (function == null) {
                    return Optional.empty();
                }
                value = function.orElse(null);
                special = true;
            }
            items.add(new Item(label, value));
        }
        if (!special) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        Object[] row = new Object[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Object value = items.get(i).value();
            columns.add(new Column(items.get(i).label(), value instanceof Long ? SqlType.BIGINT : SqlType.VARCHAR));
            row[i] = value;
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(row);
        return Optional.of(new ProxyAnswer.Rows(ListCursor.ofArrays(columns, rows)));
    }

    /** The value of a session function, or null when it is not one the proxy answers. */
    private static Optional<Object> function(String expression, SessionState session, String serverVersion) {
        Matcher call = FUNCTION.matcher(expression);
        String name = call.matches() ? call.group(1).toUpperCase(Locale.ROOT) : expression.toUpperCase(Locale.ROOT);
        return switch (name) {
            case "DATABASE", "SCHEMA" -> session.database().map(d -> (Object) d);
            case "USER", "SESSION_USER", "SYSTEM_USER" -> Optional.of(session.user() + "@%");
            case "CURRENT_USER" -> Optional.of(session.user() + "@%");
            case "CONNECTION_ID" -> Optional.of(session.connectionId());
            case "VERSION" -> Optional.of(serverVersion);
            case "LAST_INSERT_ID", "ROW_COUNT", "FOUND_ROWS" -> Optional.of(0L);
            default -> null;
        };
    }
}

package io.queryflux.protocol.mysql.catalog;

import io.queryflux.protocol.mysql.codec.ErrorNumbers;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SET ...}: variables the proxy owns change in the session's {@link SystemVariables};
 * any other variable becomes a session property that engines receive ({@code SET
 * query_timeout = 300} reaches StarRocks). Expressions other than literals are accepted for
 * proxy-owned variables but not evaluated (MariaDB Connector/J sends {@code
 * sql_mode=concat(@@sql_mode,...)}); the variable keeps its value.
 */
final class SetStatements {
    private static final Pattern SET = Pattern.compile("SET\\s+(.+?)\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SCOPE = Pattern.compile("(GLOBAL|SESSION|LOCAL|PERSIST|PERSIST_ONLY)\\s+(.+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAMES = Pattern.compile(
            "NAMES\\s+(" + SqlText.IDENT + "|" + SqlText.STRING + ")(?:\\s+COLLATE\\s+(" + SqlText.IDENT + "|"
                    + SqlText.STRING + "))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET = Pattern.compile(
            "(?:CHARACTER\\s+SET|CHARSET)\\s+(" + SqlText.IDENT + "|" + SqlText.STRING + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRANSACTION = Pattern.compile("TRANSACTION\\s+(.+)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ISOLATION = Pattern.compile("ISOLATION\\s+LEVEL\\s+(READ\\s+UNCOMMITTED|READ\\s+COMMITTED|"
            + "REPEATABLE\\s+READ|SERIALIZABLE)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(@@(?:(GLOBAL|SESSION|LOCAL)\\.)?|@)?(" + SqlText.IDENT + "(?:\\." + SqlText.IDENT + ")?)\\s*:?=\\s*(.+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SetStatements() {}

    static Optional<ProxyAnswer> answer(String statement, SessionState session) {
        Matcher set = SET.matcher(statement);
        if (!set.matches()) {
            return Optional.empty();
        }
        boolean global = false;
        for (String part : SqlText.splitTopLevel(set.group(1))) {
            Matcher scope = SCOPE.matcher(part);
            if (scope.matches()) {
                global = scope.group(1).toUpperCase(Locale.ROOT).startsWith(("GLOBAL")) || scope.group(1).toUpperCase(
                        Locale.ROOT).startsWith("PERSIST");
                part = scope.group(2);
            }
            Optional<ProxyAnswer> failure = apply(part, global, session);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.of(new ProxyAnswer.Ok());
    }

    private static Optional<ProxyAnswer> apply(String part, boolean global, SessionState session) {
        SystemVariables vars = session.variables();
        Matcher names = NAMES.matcher(part);
        if (names.matches()) {
            String charset = name(names.group(1));
            vars.set("character_set_client", charset);
            vars.set("character_set_connection", charset);
            vars.set("character_set_results", charset);
            vars.set("collation_connection", names.group(2) != null ? name(names.group(2)) : defaultCollation(charset));
            return Optional.empty();
        }
        Matcher charset = CHARSET.matcher(part);
        if (charset.matches()) {
            vars.set("character_set_client", name(charset.group(1)));
            vars.set("character_set_results", name(charset.group(1)));
            return Optional.empty();
        }
        Matcher transaction = TRANSACTION.matcher(part);
        if (transaction.matches()) {
            Matcher isolation = ISOLATION.matcher(transaction.group(1));
            if (isolation.find()) {
                String level = isolation.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", "-");
                vars.set("transaction_isolation", level);
                vars.set("tx_isolation", level);
            }
            return Optional.empty();
        }
        Matcher assignment = ASSIGNMENT.matcher(part);
        if (!assignment.matches()) {
            return Optional.of(new ProxyAnswer.Failure(ErrorNumbers.ER_PARSE_ERROR,
                    "You have an error in your SQL syntax near '" + part + "'"));
        }
        String prefix = assignment.group(1);
        if ("@".equals(prefix)) {
            return Optional.empty(); // user variables are accepted and not kept: engines never see them
        }
        boolean isGlobal = global || "GLOBAL".equalsIgnoreCase(assignment.group(2));
        String name = SqlText.unquoteIdentifier(assignment.group(3));
        String expression = assignment.group(4).strip();
        if (isGlobal) {
            return Optional.of(new ProxyAnswer.Failure(ErrorNumbers.ER_SPECIFIC_ACCESS_DENIED_ERROR,
                    "Access denied; global variables cannot be set through the QueryFlux proxy"));
        }
        if (vars.isKnown(name)) {
            if (expression.equalsIgnoreCase("DEFAULT")) {
                vars.reset(name);
            } else if (expression.equalsIgnoreCase("NULL")) {
                vars.set(name, null);
            } else {
                literalValue(expression).ifPresent(value -> vars.set(name, value));
            }
            return Optional.empty();
        }
        session.setSessionProperty(name, literalValue(expression).map(Object::toString).orElse(expression));
        return Optional.empty();
    }

    private static Optional<Object> literalValue(String expression) {
        if (expression.length() >= 2 && (expression.startsWith("'") || expression.startsWith("\""))
                && expression.matches(SqlText.STRING)) {
            return Optional.of(SqlText.unquoteString(expression));
        }
        if (NUMBER.matcher(expression).matches()) {
            return Optional.of(expression.contains(".") || expression.length() > 18 ? expression
                    : (Object) Long.parseLong(expression));
        }
        if (WORD.matcher(expression).matches()) {
            return Optional.of(expression);
        }
        return Optional.empty();
    }

    private static String name(String identifierOrString) {
        return identifierOrString.startsWith("'") || identifierOrString.startsWith("\"")
                ? SqlText.unquoteString(identifierOrString)
                : SqlText.unquoteIdentifier(identifierOrString);
    }

    private static String defaultCollation(String charset) {
        return switch (charset.toLowerCase(Locale.ROOT)) {
            case "utf8mb4" -> "utf8mb4_0900_ai_ci";
            case "utf8", "utf8mb3" -> "utf8mb3_general_ci";
            case "latin1" -> "latin1_swedish_ci";
            case "binary" -> "binary";
            default -> charset + "_general_ci";
        };
    }
}

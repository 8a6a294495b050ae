package io.queryflux.protocol.mysql.catalog;

import static java.util.Objects.requireNonNull;

import io.queryflux.protocol.mysql.commands.SqlScanner;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the statements the proxy answers (or rewrites) itself rather than sending them to
 * the engine as written: client chatter, {@code KILL}, transaction control and metadata.
 */
public final class ProxyStatements {
    private static final Pattern KILL = Pattern.compile("KILL\\s+(?:(QUERY|CONNECTION)\\s+)?(\\d+)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    // Statements run auto-committed on the engines, so transaction control has nothing to do.
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?:BEGIN(?:\\s+WORK)?|START\\s+TRANSACTION(?:\\s+.*)?|COMMIT(?:\\s+WORK)?|ROLLBACK(?:\\s+WORK)?)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern USE = Pattern.compile(
            "USE\\s+(" + SqlText.IDENT + ")(?:\\s*\\.\\s*(" + SqlText.IDENT + "))?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    private final String serverVersion;

    public ProxyStatements(String serverVersion) {
        this.serverVersion = requireNonNull(serverVersion, "serverVersion is null");
    }

    public Optional<ProxyAnswer> answer(String sql, SessionState session) {
        String statement = SqlScanner.stripLeadingComments(sql);
        if (statement.length() < 3) {
            return Optional.empty();
        }
        String head = statement.substring(0, Math.min(statement.length(), 6)).toUpperCase(java.util.Locale.ROOT);
        if (head.startsWith("SET")) {
            return SetStatements.answer(statement, session);
        }
        if (head.startsWith("SELECT")) {
            return VariableSelects.answer(statement, session, serverVersion);
        }
        if (head.startsWith("SHOW")) {
            return ShowStatements.answer(statement, session);
        }
        Matcher use = USE.matcher(statement);
        if (use.matches()) {
            String first = SqlText.unquoteIdentifier(use.group(1));
            return Optional.of(use.group(2) == null
                    ? new ProxyAnswer.Use(Optional.empty(), first)
                    : new ProxyAnswer.Use(Optional.of(first), SqlText.unquoteIdentifier(use.group(2))));
        }
        Matcher kill = KILL.matcher(statement);
        if (kill.matches()) {
            return Optional.of(new ProxyAnswer.Kill(Long.parseLong(kill.group(2)), "QUERY".equalsIgnoreCase(kill.group(1))));
        }
        if (TRANSACTION_CONTROL.matcher(statement).matches()) {
            return Optional.of(new ProxyAnswer.Ok());
        }
        return Optional.empty();
    }
}

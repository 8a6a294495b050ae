package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.dispatch.QueryRequest;
import io.queryflux.engine.ListCursor;
import io.queryflux.engine.Column;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.SqlType;
import io.queryflux.protocol.pg.messages.TransactionStatus;
import io.queryflux.protocol.pg.sql.TransactionModes;
import io.queryflux.protocol.pg.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client chatter the proxy answers itself, without a backend: SET/RESET/SHOW of session
 * parameters, transaction control (the block's state; its engine transaction, if any, is
 * {@link StatementRunner}'s), and the session-information functions drivers call on connect.
 */
final class LocalStatements {
    private static final String NAME = "([A-Za-z_][A-Za-z0-9_.]*|\"[^\"]+\")";
    private static final Pattern SET = Pattern.compile(
            "SET\\s+(?:(SESSION|LOCAL)\\s+)?" + NAME + "\\s*(?:=|\\s+TO\\s+|\\s+TO$)\\s*(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_TIME_ZONE = Pattern.compile("SET\\s+(?:(?:SESSION|LOCAL)\\s+)?TIME\\s+ZONE\\s+(.+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_TRANSACTION = Pattern.compile(
            "SET\\s+(?:SESSION\\s+CHARACTERISTICS\\s+AS\\s+)?TRANSACTION\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern AND_CHAIN = Pattern.compile("\\bAND\\s+CHAIN\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESET = Pattern.compile("RESET\\s+" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern SHOW = Pattern.compile("SHOW\\s+" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern SHOW_ISOLATION = Pattern.compile("SHOW\\s+TRANSACTION\\s+ISOLATION\\s+LEVEL",
            Pattern.CASE_INSENSITIVE);
    /** The SQL standard's spelling of SHOW timezone, as SET TIME ZONE is of SET timezone. */
    private static final Pattern SHOW_TIME_ZONE = Pattern.compile("SHOW\\s+TIME\\s+ZONE", Pattern.CASE_INSENSITIVE);
    /** The first word of every SELECT that {@link #select} can answer. */
    private static final Set<String> SELECT_STARTS = Set.of("PG_CATALOG", "VERSION", "CURRENT_SETTING",
            "CURRENT_SCHEMA", "CURRENT_DATABASE", "CURRENT_CATALOG", "CURRENT_USER", "SESSION_USER", "USER",
            "CURRENT_ROLE", "PG_BACKEND_PID", "PG_IS_IN_RECOVERY");
    private static final Pattern SELECT = Pattern.compile("SELECT\\s+(.+)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ITEM = Pattern.compile(
            "(?:pg_catalog\\s*\\.\\s*)?([a-z_]+)\\s*(?:\\(\\s*(?:'([^']*)'\\s*(?:,\\s*(true|false)\\s*)?)?\\))?"
                    + "(?:\\s+(?:AS\\s+)?(\"[^\"]+\"|[a-z_][a-z0-9_]*))?",
            Pattern.CASE_INSENSITIVE);

    private final QueryDispatcher dispatcher;
    /** The routed engine's default schema, found once per session: routing may run scripts. */
    private ClientSession defaultSchemaFor;
    private Optional<String> defaultSchema = Optional.empty();

    LocalStatements(QueryDispatcher dispatcher) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
    }

    /** The proxy's answer, or empty when the statement must go to an engine. */
    Optional<Execution> answer(String sql, SessionState state) throws QueryException {
        String text = SqlText.stripComments(sql).strip();
        List<String> words = SqlText.leadingWords(text, 3);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return switch (words.get(0)) {
            case "BEGIN", "START" -> begin(text, state);
            case "COMMIT", "END" -> transaction(state, text,
                    state.transaction() == TransactionStatus.FAILED ? "ROLLBACK" : "COMMIT", TransactionStatus.IDLE);
            case "ABORT" -> transaction(state, text, "ROLLBACK", TransactionStatus.IDLE);
            // Back to the savepoint: the block is usable again (nothing ran on an engine in it).
            case "ROLLBACK" -> isRollbackTo(words)
                    ? transaction(state, text, "ROLLBACK", state.transaction() == TransactionStatus.IDLE
                            ? TransactionStatus.IDLE : TransactionStatus.IN_TRANSACTION)
                    : transaction(state, text, "ROLLBACK", TransactionStatus.IDLE);
            case "SAVEPOINT" -> done("SAVEPOINT");
            case "RELEASE" -> done("RELEASE");
            case "DISCARD" -> {
                if (words.size() > 1 && words.get(1).equals("ALL")) {
                    state.resetAll();
                }
                yield done("DISCARD " + (words.size() > 1 ? words.get(1) : "ALL"));
            }
            case "SET" -> set(text, state);
            case "RESET" -> reset(text, state);
            case "SHOW" -> show(text, state);
            // Only a few functions are answered here; most SELECTs are not worth the regexes.
            case "SELECT" -> words.size() > 1 && SELECT_STARTS.contains(words.get(1)) ? select(text, state)
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * A block begins with the modes BEGIN gives, else the session's defaults; they last until it
     * ends. A BEGIN inside a block changes nothing, as in PostgreSQL (which warns).
     */
    private static Optional<Execution> begin(String text, SessionState state) {
        if (state.transaction() != TransactionStatus.IDLE) {
            return done("BEGIN");
        }
        state.setTransaction(TransactionStatus.IN_TRANSACTION);
        TransactionModes modes = TransactionModes.of(text);
        state.setLocal("transaction_isolation", modes.isolation()
                .orElseGet(() -> state.get("default_transaction_isolation").orElse("read committed")));
        state.setLocal("transaction_read_only", modes.readOnly().map(LocalStatements::onOff)
                .orElseGet(() -> state.get("default_transaction_read_only").orElse("off")));
        return done("BEGIN");
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** SET TRANSACTION (this block's modes) or SET SESSION CHARACTERISTICS AS TRANSACTION (the defaults). */
    private static Optional<Execution> setTransaction(String text, SessionState state) {
        TransactionModes modes = TransactionModes.of(text);
        if (text.toUpperCase(java.util.Locale.ROOT).contains("CHARACTERISTICS")) {
            modes.isolation().ifPresent(level -> state.set("default_transaction_isolation", level));
            modes.readOnly().ifPresent(only -> state.set("default_transaction_read_only", onOff(only)));
            if (state.transaction() == TransactionStatus.IDLE) {
                // Outside a block the current modes are the defaults (pgjdbc reads them back with SHOW).
                modes.isolation().ifPresent(level -> state.set("transaction_isolation", level));
                modes.readOnly().ifPresent(only -> state.set("transaction_read_only", onOff(only)));
            }
            return done("SET");
        }
        if (state.transaction() == TransactionStatus.IDLE) {
            return done("SET"); // PostgreSQL warns that it has no effect outside a block
        }
        modes.isolation().ifPresent(level -> state.setLocal("transaction_isolation", level));
        modes.readOnly().ifPresent(only -> state.setLocal("transaction_read_only", onOff(only)));
        return done("SET");
    }

    /** Whether the statement is SET TRANSACTION (not SET SESSION CHARACTERISTICS). */
    static boolean isSetTransaction(String text) {
        return SET_TRANSACTION.matcher(text).matches() && !text.toUpperCase(java.util.Locale.ROOT).contains("CHARACTERISTICS");
    }

    /** {@code ROLLBACK [WORK | TRANSACTION] TO ...}, from the statement's first three words. */
    static boolean isRollbackTo(List<String> words) {
        return words.size() > 1 && words.get(0).equals("ROLLBACK") && (words.get(1).equals("TO")
                || words.size() > 2 && (words.get(1).equals("WORK") || words.get(1).equals("TRANSACTION"))
                        && words.get(2).equals("TO"));
    }

    private static Optional<Execution> transaction(SessionState state, String text, String tag, TransactionStatus next)
            throws QueryException {
        if (AND_CHAIN.matcher(text).find()) {
            throw new QueryException(ErrorCode.NOT_SUPPORTED, "AND CHAIN is not supported by the QueryFlux proxy: end"
                    + " the transaction block, then BEGIN the next");
        }
        state.setTransaction(next);
        return done(tag);
    }

    private static Optional<Execution> done(String tag) {
        return Optional.of(Execution.done(tag));
    }


    private static Optional<Execution> set(String text, SessionState state) throws QueryException {
        if (SET_TRANSACTION.matcher(text).matches()) {
            return setTransaction(text, state);
        }
        Matcher zone = SET_TIME_ZONE.matcher(text);
        if (zone.matches()) {
            state.set("TimeZone", value(zone.group(1)));
            return done("SET");
        }
        Matcher m = SET.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = unquote(m.group(2));
        // SET SESSION of a name PostgreSQL does not know is a Trino session property: the
        // dispatcher keeps those.
        if ("SESSION".equalsIgnoreCase(m.group(1)) && !state.isKnown(name)) {
            return Optional.empty();
        }
        String value = m.group(3).strip();
        if (value.isEmpty()) {
            throw new QueryException(ErrorCode.SYNTAX_ERROR, "syntax error at end of input");
        }
        if (value.equalsIgnoreCase("DEFAULT")) {
            state.reset(name);
        } else if (name.equals("client_encoding")) {
            // The proxy speaks UTF8 only; PostgreSQL reports the encoding by its own name.
            String encoding = value(value).replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
            if (!encoding.equals("UTF8") && !encoding.equals("UNICODE")) {
                throw new QueryException(ErrorCode.NOT_SUPPORTED, "conversion between " + value(value)
                        + " and UTF8 is not supported by the proxy", "0A000", null);
            }
            state.set(name, "UTF8");
        } else if (name.equals("statement_timeout") && StatementTimeout.parseMillis(value(value)).isEmpty()) {
            throw new QueryException(ErrorCode.INVALID_SESSION_PROPERTY, StatementTimeout.invalid(value(value)));
        } else if ("LOCAL".equalsIgnoreCase(m.group(1))) {
            state.setLocal(name, value(value));
        } else {
            state.set(name, value(value));
        }
        return done("SET");
    }

    /** A SET value list as SHOW prints it: quotes dropped, items joined by ", ". */
    private static String value(String raw) {
        List<String> items = new ArrayList<>();
        for (String item : raw.strip().split("\\s*,\\s*")) {
            if (item.length() >= 2 && item.startsWith("'") && item.endsWith("'")) {
                items.add(item.substring(1, item.length() - 1).replace("''", "'"));
            } else {
                items.add(item);
            }
        }
        return String.join(", ", items);
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name.toLowerCase(Locale.ROOT);
    }

    private static Optional<Execution> reset(String text, SessionState state) {
        Matcher m = RESET.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = unquote(m.group(1));
        if (name.equals("all")) {
            state.resetAll();
        } else if (!name.equals("session")) {
            state.reset(name);
        } else {
            return Optional.empty(); // RESET SESSION x: a Trino session property
        }
        return done("RESET");
    }

    private Optional<Execution> show(String text, SessionState state) {
        if (SHOW_ISOLATION.matcher(text).matches()) {
            return Optional.of(single("transaction_isolation", SqlType.VARCHAR,
                    state.get("transaction_isolation").orElse("read committed"), "SHOW"));
        }
        Matcher m = SHOW.matcher(text);
        boolean timeZone = SHOW_TIME_ZONE.matcher(text).matches();
        if (!m.matches() && !timeZone) {
            return Optional.empty();
        }
        String name = timeZone ? "TimeZone" : unquote(m.group(1));
        if (name.equals("all")) {
            List<List<Object>> rows = new ArrayList<>();
            settings(text, state).forEach((k, v) -> rows.add(List.of(k, v, "")));
            return Optional.of(new Execution(new ListCursor(List.of(new Column("name", SqlType.VARCHAR),
                    new Column("setting", SqlType.VARCHAR), new Column("description", SqlType.VARCHAR)), rows),
                    Optional.empty(), "SHOW"));
        }
        // SHOW TABLES, SHOW CATALOGS ... belong to the engine.
        return setting(name, text, state).map(v -> single(name, SqlType.VARCHAR, v, "SHOW"));
    }

    /**
     * The session's settings as clients see them (SHOW ALL, pg_settings): an unchanged search_path
     * names the routed engine's default schema, where its unqualified tables are.
     */
    Map<String, String> settings(String sql, SessionState state) {
        Map<String, String> all = state.all();
        all.computeIfPresent("search_path", (name, value) -> searchPath(value, sql, state));
        return all;
    }

    private Optional<String> setting(String name, String sql, SessionState state) {
        return state.get(name).map(value -> name.equalsIgnoreCase("search_path") ? searchPath(value, sql, state) : value);
    }

    private String searchPath(String value, String sql, SessionState state) {
        if (!value.equals(SessionState.DEFAULT_SEARCH_PATH)) {
            return value;
        }
        return engineDefaultSchema(sql, state.session()).map(schema -> "\"$user\", " + schema).orElse(value);
    }

    private Optional<String> engineDefaultSchema(String sql, ClientSession session) {
        if (!session.equals(defaultSchemaFor)) {
            defaultSchema = dispatcher.defaultSchema(new QueryRequest(sql, session));
            defaultSchemaFor = session;
        }
        return defaultSchema;
    }

    private Optional<Execution> select(String text, SessionState state) {
        Matcher m = SELECT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        for (String item : topLevelItems(m.group(1))) {
            Matcher fn = ITEM.matcher(item.strip());
            if (!fn.matches()) {
                return Optional.empty();
            }
            String function = fn.group(1).toLowerCase(Locale.ROOT);
            boolean call = item.contains("(");
            Object value;
            SqlType type = SqlType.VARCHAR;
            switch (function) {
                case "version" -> value = "PostgreSQL " + state.get("server_version").orElse("") + " (QueryFlux proxy)";
                case "current_setting" -> {
                    if (fn.group(2) == null) {
                        return Optional.empty();
                    }
                    value = setting(fn.group(2), text, state).orElse(null);
                    if (value == null && !"true".equalsIgnoreCase(fn.group(3))) {
                        return Optional.empty(); // let the engine raise its own error
                    }
                }
                // Where an unqualified table is: DuckDB's is main, not public (SQLAlchemy's and
                // DBeaver's default schema).
                case "current_schema" -> value = state.session().schema()
                        .or(() -> engineDefaultSchema(text, state.session())).orElse("public");
                case "current_database" -> value = state.database();
                // The SQL standard's name for it, without parentheses; pgjdbc's getCatalog() asks for it.
                case "current_catalog" -> {
                    if (call) {
                        return Optional.empty();
                    }
                    value = state.database();
                }
                case "current_user", "session_user", "user", "current_role" -> {
                    if (call) {
                        return Optional.empty();
                    }
                    value = state.session().user();
                }
                case "pg_backend_pid" -> {
                    value = state.processId();
                    type = SqlType.INTEGER;
                }
                case "pg_is_in_recovery" -> {
                    value = false;
                    type = SqlType.BOOLEAN;
                }
                default -> {
                    return Optional.empty();
                }
            }
            String label = fn.group(4) == null ? function : fn.group(4).startsWith("\"")
                    ? fn.group(4).substring(1, fn.group(4).length() - 1) : fn.group(4).toLowerCase(Locale.ROOT);
            columns.add(new Column(label, type));
            row.add(value);
        }
        return Optional.of(new Execution(new ListCursor(columns, List.of(java.util.Collections.unmodifiableList(row))),
                Optional.empty(), "SELECT"));
    }

    private static List<String> topLevelItems(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(list.substring(start, i));
                start = i + 1;
            }
        }
        items.add(list.substring(start));
        return items;
    }

    private static Execution single(String column, SqlType type, Object value, String verb) {
        List<Object> row = new ArrayList<>();
        row.add(value);
        return new Execution(new ListCursor(List.of(new Column(column, type)), List.of(row)), Optional.empty(), verb);
    }
}

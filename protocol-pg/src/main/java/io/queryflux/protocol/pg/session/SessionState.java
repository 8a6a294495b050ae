package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.protocol.pg.messages.TransactionStatus;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One connection's session: its run-time parameters (what SET and SHOW see), its transaction
 * status, and the {@link ClientSession} every dispatched statement carries.
 */
public final class SessionState {
    /** Parameters PostgreSQL reports with ParameterStatus at start-up and whenever they change. */
    static final Set<String> REPORTED = Set.of("server_version", "server_encoding", "client_encoding",
            "application_name", "datestyle", "intervalstyle", "timezone", "integer_datetimes",
            "standard_conforming_strings", "is_superuser", "session_authorization", "default_transaction_read_only",
            "in_hot_standby");

    /**
     * PostgreSQL's default. It stands for the routed engine's default schema (DuckDB's main), so
     * the session has no schema of its own under it; clients are shown that schema instead of public.
     */
    static final String DEFAULT_SEARCH_PATH = "\"$user\", public";

    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> displayNames = new LinkedHashMap<>();
    private final List<String> changedReported = new ArrayList<>();
    private final int processId;
    private ClientSession session;
    private TransactionStatus transaction = TransactionStatus.IDLE;
    private boolean printsLikeEngineConnections;
    private String timeZone = "";
    /** The values settings had when the transaction began, for a ROLLBACK (null: not set then). */
    private final Map<String, String> atTransactionStart = new LinkedHashMap<>();
    /** The values settings had under a SET LOCAL, for the transaction's end (null: not set then). */
    private final Map<String, String> underLocal = new LinkedHashMap<>();
    private Duration statementTimeout = Duration.ZERO;

    public SessionState(ClientSession session, int processId, String serverVersion, Map<String, String> startup) {
        this.session = requireNonNull(session, "session is null");
        this.processId = processId;
        define("server_version", serverVersion);
        define("server_encoding", "UTF8");
        define("client_encoding", "UTF8");
        define("DateStyle", "ISO, MDY");
        define("IntervalStyle", "postgres");
        define("TimeZone", "UTC");
        define("integer_datetimes", "on");
        define("standard_conforming_strings", "on");
        define("application_name", "");
        define("is_superuser", "off");
        define("session_authorization", session.user());
        define("default_transaction_read_only", "off");
        define("in_hot_standby", "off");
        define("search_path", DEFAULT_SEARCH_PATH);
        define("extra_float_digits", "1");
        define("default_transaction_isolation", "read committed");
        define("transaction_isolation", "read committed");
        define("transaction_read_only", "off");
        define("statement_timeout", "0");
        define("idle_in_transaction_session_timeout", "0");
        define("lock_timeout", "0");
        define("max_identifier_length", "63");
        define("server_version_num", versionNumber(serverVersion));
        define("lc_messages", "C");
        define("lc_monetary", "C");
        define("lc_numeric", "C");
        define("lc_time", "C");
        define("bytea_output", "hex");
        define("max_index_keys", "32");
        define("block_size", "8192");
        startup.forEach((name, value) -> {
            // client_encoding stays UTF8: it is the only encoding the proxy speaks.
            if (!Set.of("user", "database", "options", "replication", "client_encoding").contains(name)) {
                // What the client connected with is also what RESET goes back to, as in PostgreSQL.
                defaults.put(key(name), value);
                settings.put(key(name), value);
                displayNames.putIfAbsent(key(name), name);
            }
        });
        changedReported.clear();
        refreshDerivedSettings();
        refreshStatementTimeout();
    }

    /** A setting given at connection start ({@code options=-c name=value}): RESET goes back to it. */
    void setAtStartup(String name, String value) {
        defaults.put(key(name), value);
        set(name, value);
    }

    /** Whether the statement_timeout setting is one PostgreSQL takes; asked once the connection's settings are in. */
    boolean hasValidStatementTimeout() {
        return StatementTimeout.parseMillis(get("statement_timeout").orElse("0")).isPresent();
    }

    private void define(String name, String value) {
        defaults.put(key(name), value);
        settings.put(key(name), value);
        displayNames.put(key(name), name);
    }

    private static String versionNumber(String version) {
        String[] parts = version.split("[^0-9]+");
        int major = parts.length > 0 && !parts[0].isEmpty() ? Integer.parseInt(parts[0]) : 15;
        int minor = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : 0;
        return Integer.toString(major * 10000 + minor);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public int processId() {
        return processId;
    }

    public ClientSession session() {
        return session;
    }

    /** The database the client connected to (its user name when it named none, as in PostgreSQL). */
    public String database() {
        return session.header("database").orElse(session.user());
    }

    public void setSession(ClientSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    public TransactionStatus transaction() {
        return transaction;
    }

    public void setTransaction(TransactionStatus transaction) {
        this.transaction = requireNonNull(transaction, "transaction is null");
    }

    public boolean isKnown(String name) {
        return settings.containsKey(key(name));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(settings.get(key(name)));
    }

    public String displayName(String name) {
        return displayNames.getOrDefault(key(name), name);
    }

    /** The settings SHOW ALL lists, by display name. */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        settings.forEach((k, v) -> all.put(displayNames.getOrDefault(k, k), v));
        return all;
    }

    /**
     * Sets a parameter for the session; the session follows application_name and search_path.
     * Inside a transaction a ROLLBACK undoes it, as in PostgreSQL.
     */
    public void set(String name, String value) {
        String k = key(name);
        rememberForRollback(k);
        underLocal.remove(k); // a plain SET outlasts the transaction's SET LOCAL
        apply(name, value);
    }

    /**
     * SET LOCAL: the value lasts until the transaction ends, however it ends. Outside a transaction
     * it does nothing (PostgreSQL only warns).
     */
    public void setLocal(String name, String value) {
        if (transaction == TransactionStatus.IDLE) {
            return;
        }
        String k = key(name);
        rememberForRollback(k);
        if (!underLocal.containsKey(k)) {
            underLocal.put(k, settings.get(k));
        }
        apply(name, value);
    }

    /** The transaction ended: its SET LOCAL values go, and at a ROLLBACK its SETs too. */
    public void transactionEnded(boolean committed) {
        Map<String, String> restore = committed ? underLocal : atTransactionStart;
        restore.forEach(this::restore);
        underLocal.clear();
        atTransactionStart.clear();
    }

    private void rememberForRollback(String k) {
        if (transaction != TransactionStatus.IDLE && !atTransactionStart.containsKey(k)) {
            atTransactionStart.put(k, settings.get(k));
        }
    }

    private void restore(String k, String value) {
        if (value == null) {
            settings.remove(k);
        } else {
            apply(displayNames.getOrDefault(k, k), value);
        }
    }

    private void apply(String name, String value) {
        String k = key(name);
        settings.put(k, value);
        displayNames.putIfAbsent(k, name);
        if (REPORTED.contains(k)) {
            changedReported.add(displayNames.get(k));
            refreshDerivedSettings();
        }
        if (k.equals("application_name")) {
            session = new ClientSession(session.protocol(), session.user(),
                    value.isEmpty() ? Optional.empty() : Optional.of(value), session.catalog(), session.schema(),
                    session.headers(), session.clientTags(), session.sessionProperties());
        } else if (k.equals("search_path")) {
            // RESET and DISCARD ALL come back here: engines without a public schema must not be sent one.
            session = session.withSchema(value.equals(DEFAULT_SEARCH_PATH) ? Optional.empty() : firstSchema(value));
        } else if (k.equals("statement_timeout")) {
            refreshStatementTimeout();
        }
    }

    /** The timeout enforced, from the setting, which SHOW then prints as PostgreSQL does (5000 as 5s). */
    private void refreshStatementTimeout() {
        String k = key("statement_timeout");
        Optional<Long> millis = StatementTimeout.parseMillis(settings.getOrDefault(k, "0"));
        statementTimeout = Duration.ofMillis(millis.orElse(0L));
        millis.ifPresent(ms -> settings.put(k, StatementTimeout.show(ms)));
    }

    /** How long a statement may run before the proxy cancels it; zero: no limit. */
    /** The client's idle_in_transaction_session_timeout; zero when off or not a valid duration. */
    Duration idleInTransactionTimeout() {
        return Duration.ofMillis(StatementTimeout.parseMillis(get("idle_in_transaction_session_timeout").orElse("0"))
                .orElse(0L));
    }

    Duration statementTimeout() {
        return statementTimeout; // read for every statement
    }

    public void reset(String name) {
        String k = key(name);
        String value = defaults.get(k);
        if (value == null) {
            rememberForRollback(k);
            underLocal.remove(k);
            settings.remove(k);
        } else {
            set(name, value);
        }
    }

    public void resetAll() {
        for (String k : List.copyOf(settings.keySet())) {
            if (!k.equals("server_version") && !k.equals("session_authorization")) {
                reset(k);
            }
        }
    }

    /** Reported parameters changed since the last call, to send as ParameterStatus. */
    public List<String> drainChangedReported() {
        if (changedReported.isEmpty()) {
            return List.of(); // the common case, once per statement
        }
        List<String> changed = List.copyOf(new java.util.LinkedHashSet<>(changedReported));
        changedReported.clear();
        return changed;
    }

    /** The first real schema of a search_path value ({@code "$user"} skipped). */
    static Optional<String> firstSchema(String searchPath) {
        for (String part : searchPath.split(",")) {
            String name = part.strip();
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
                name = name.substring(1, name.length() - 1);
            } else {
                name = name.toLowerCase(Locale.ROOT);
            }
            if (!name.isEmpty() && !name.equals("$user")) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether PostgreSQL's text output can go to this client as it is: the settings that shape
     * it still have the values the postgres engine starts its own connections with.
     */
    public boolean printsLikeEngineConnections() {
        return printsLikeEngineConnections; // asked for every statement, changed rarely
    }

    /** The TimeZone setting as given; read for every statement, so kept at hand. */
    public String timeZoneSetting() {
        return timeZone;
    }

    /** Recomputes what is read per statement from the settings: the TimeZone and whether PostgreSQL's text can be forwarded. */
    private void refreshDerivedSettings() {
        String zone = get("TimeZone").orElse("");
        timeZone = zone;
        // DateStyle ISO (pgjdbc's) keeps the default MDY order for reading dates, as 'ISO, MDY' says.
        String dateStyle = get("DateStyle").orElse("").replace(" ", "").toUpperCase(Locale.ROOT);
        printsLikeEngineConnections = (zone.equalsIgnoreCase("UTC") || zone.equalsIgnoreCase("Etc/UTC"))
                && (dateStyle.equals("ISO") || dateStyle.equals("ISO,MDY"))
                && get("IntervalStyle").orElse("").equals("postgres");
    }

    /** The zone timestamptz values are shown in; UTC when the TimeZone setting is not a zone Java knows. */
    public ZoneId zone() {
        String value = get("TimeZone").orElse("UTC");
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}

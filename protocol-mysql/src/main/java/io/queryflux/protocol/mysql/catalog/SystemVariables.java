package io.queryflux.protocol.mysql.catalog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The server variables MySQL clients read at connect time and set for their session. The
 * proxy owns them: engines behind it never see them. Values are {@code Long} (numeric
 * variables) or {@code String}; NULL is allowed (e.g. {@code character_set_results}).
 */
public final class SystemVariables {
    private static final Object NULL = new Object();

    private final Map<String, Object> defaults;
    private final Map<String, Object> session = new HashMap<>();

    public SystemVariables(String serverVersion, long maxAllowedPacket, String versionComment) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("auto_increment_increment", 1L);
        d.put("auto_increment_offset", 1L);
        d.put("autocommit", 1L);
        d.put("character_set_client", "utf8mb4");
        d.put("character_set_connection", "utf8mb4");
        d.put("character_set_database", "utf8mb4");
        d.put("character_set_filesystem", "binary");
        d.put("character_set_results", "utf8mb4");
        d.put("character_set_server", "utf8mb4");
        d.put("character_set_system", "utf8mb3");
        d.put("collation_connection", "utf8mb4_0900_ai_ci");
        d.put("collation_database", "utf8mb4_0900_ai_ci");
        d.put("collation_server", "utf8mb4_0900_ai_ci");
        d.put("default_storage_engine", "InnoDB");
        d.put("div_precision_increment", 4L);
        d.put("event_scheduler", "OFF");
        d.put("explicit_defaults_for_timestamp", 1L);
        d.put("foreign_key_checks", 1L);
        d.put("group_concat_max_len", 1024L);
        d.put("have_ssl", "DISABLED");
        d.put("init_connect", "");
        d.put("innodb_lock_wait_timeout", 50L);
        d.put("interactive_timeout", 28800L);
        d.put("last_insert_id", 0L);
        d.put("license", "Apache-2.0");
        d.put("lower_case_table_names", 0L);
        d.put("max_allowed_packet", maxAllowedPacket);
        d.put("max_connections", 151L);
        d.put("max_execution_time", 0L);
        d.put("net_buffer_length", 16384L);
        d.put("net_read_timeout", 30L);
        d.put("net_write_timeout", 60L);
        d.put("performance_schema", 0L);
        d.put("protocol_version", 10L);
        d.put("query_cache_size", 0L);
        d.put("query_cache_type", "OFF");
        d.put("read_only", 0L);
        d.put("session_track_schema", 0L);
        d.put("sql_auto_is_null", 0L);
        d.put("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                + "ERROR_FOR_DIVISION_BY_ZERO,NO_BACKSLASH_ESCAPES,NO_ENGINE_SUBSTITUTION");
        d.put("sql_safe_updates", 0L);
        d.put("sql_select_limit", Long.MAX_VALUE);
        d.put("sql_warnings", 0L);
        d.put("system_time_zone", "UTC");
        d.put("time_zone", "SYSTEM");
        d.put("transaction_isolation", "REPEATABLE-READ");
        d.put("transaction_read_only", 0L);
        d.put("tx_isolation", "REPEATABLE-READ");
        d.put("tx_read_only", 0L);
        d.put("unique_checks", 1L);
        d.put("version", serverVersion);
        d.put("version_comment", versionComment);
        d.put("version_compile_machine", "x86_64");
        d.put("version_compile_os", "Linux");
        d.put("wait_timeout", 28800L);
        this.defaults = Map.copyOf(d);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public boolean isKnown(String name) {
        return defaults.containsKey(key(name));
    }

    /** The session value; empty if the variable is unknown; a present null is SQL NULL. */
    public Optional<Optional<Object>> get(String name) {
        String key = key(name);
        Object value = session.containsKey(key) ? session.get(key) : defaults.get(key);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(value == NULL ? Optional.empty() : Optional.of(value));
    }

    /** Sets a known variable; a null value is SQL NULL, coerced to a number for numeric variables. */
    public void set(String name, Object value) {
        String key = key(name);
        Object current = defaults.get(key);
        if (value == null) {
            session.put(key, NULL);
        } else if (current instanceof Long && value instanceof String s) {
            session.put(key, toNumber(s).orElse(value));
        } else {
            session.put(key, value);
        }
    }

    private static Optional<Object> toNumber(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "ON", "TRUE" -> Optional.of(1L);
            case "OFF", "FALSE" -> Optional.of(0L);
            default -> {
                try {
                    yield Optional.of(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    public void reset(String name) {
        session.remove(key(name));
    }

    public void resetAll() {
        session.clear();
    }

    /** Variables whose name passes the filter, sorted by name, as (name, value) pairs. */
    public List<Map.Entry<String, Optional<Object>>> matching(Predicate<String> nameFilter) {
        Map<String, Optional<Object>> sorted = new TreeMap<>();
        for (String name : defaults.keySet()) {
            if (nameFilter.test(name)) {
                sorted.put(name, get(name).orElseThrow());
            }
        }
        return List.copyOf(sorted.entrySet());
    }
}

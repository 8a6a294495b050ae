package io.queryflux.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a client asked its transaction block to run: an isolation level (empty: the engine's
 * default), whether it only reads, and the savepoints it took before its first statement reached
 * the engine (names as the client wrote them, oldest first), to be taken right after BEGIN.
 */
public record TransactionMode(Optional<Isolation> isolation, boolean readOnly, List<String> savepoints) {
    /** The engine's default isolation, reads and writes. */
    public static final TransactionMode DEFAULT = new TransactionMode(Optional.empty(), false, List.of());

    public TransactionMode {
        requireNonNull(isolation, "isolation is null");
        savepoints = List.copyOf(requireNonNull(savepoints, "savepoints is null"));
    }

    /** The SQL standard's isolation levels. */
    public enum Isolation {
        READ_UNCOMMITTED,
        READ_COMMITTED,
        REPEATABLE_READ,
        SERIALIZABLE;

        /** As SQL writes it: {@code REPEATABLE READ}. */
        public String sql() {
            return name().replace('_', ' ');
        }

        /** From SQL's spelling in any case and spacing ({@code repeatable  read}). */
        public static Optional<Isolation> of(String sql) {
            String name = sql.strip().replaceAll("\\s+", "_").toUpperCase(Locale.ROOT);
            for (Isolation level : values()) {
                if (level.name().equals(name)) {
                    return Optional.of(level);
                }
            }
            return Optional.empty();
        }
    }
}

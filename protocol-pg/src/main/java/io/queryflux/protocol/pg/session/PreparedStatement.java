package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A parsed statement: its text, parameter types (0: unspecified) and, once described, what it returns. */
final class PreparedStatement {
    private final String sql;
    private final String written;
    private final List<Integer> parameterTypes;
    private Optional<Described> described = Optional.empty();
    private List<Integer> describedParameterTypes = List.of();

    PreparedStatement(String sql, List<Integer> parameterTypes) {
        this(sql, sql, parameterTypes);
    }

    /** @param written the statement as the client wrote it, when {@code sql} is a rewriting of it (SQL PREPARE's casts) */
    PreparedStatement(String sql, String written, List<Integer> parameterTypes) {
        this.sql = requireNonNull(sql, "sql is null");
        this.written = requireNonNull(written, "written is null");
        this.parameterTypes = List.copyOf(parameterTypes);
    }

    String sql() {
        return sql;
    }

    /** The statement as written, which its result columns are named after. */
    String written() {
        return written;
    }

    List<Integer> parameterTypes() {
        return parameterTypes;
    }

    /** The declared type of parameter {@code index}, else the one PostgreSQL described, else 0 (unspecified). */
    int parameterType(int index) {
        int declared = index < parameterTypes.size() ? parameterTypes.get(index) : 0;
        if (declared != 0 || index >= describedParameterTypes.size()) {
            return declared;
        }
        return describedParameterTypes.get(index);
    }

    Optional<Described> described() {
        return described;
    }

    void setDescribed(Described found) {
        described = Optional.of(found);
        describedParameterTypes = found.parameterTypes();
    }
}

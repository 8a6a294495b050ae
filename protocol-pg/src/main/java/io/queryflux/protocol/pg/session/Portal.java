package io.queryflux.protocol.pg.session;

import static java.util.Objects.requireNonNull;

import io.queryflux.protocol.pg.messages.Format;
import java.util.List;
import java.util.Optional;

/** A bound statement, run lazily on its first Describe or Execute and streamed across Executes. */
final class Portal implements AutoCloseable {
    private final PreparedStatement statement;
    private final String sql;
    private final List<Format> resultFormats;
    private Optional<Execution> execution = Optional.empty();

    Portal(PreparedStatement statement, String sql, List<Format> resultFormats) {
        this.statement = requireNonNull(statement, "statement is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.resultFormats = List.copyOf(resultFormats);
    }

    PreparedStatement statement() {
        return statement;
    }

    String sql() {
        return sql;
    }

    List<Format> resultFormats() {
        return resultFormats;
    }

    Optional<Execution> execution() {
        return execution;
    }

    void started(Execution started) {
        execution = Optional.of(started);
    }

    /** Stops a query still streaming and frees its slot. */
    void abort() {
        execution.ifPresent(e -> {
            if (!e.exhausted()) {
                e.cancel();
            }
            e.close();
        });
    }

    @Override
    public void close() {
        execution.ifPresent(Execution::close);
    }
}

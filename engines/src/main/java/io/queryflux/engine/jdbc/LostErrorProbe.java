package io.queryflux.engine.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * How to learn the error a driver lost while a result streamed: the statement to run again
 * without streaming its rows, and which of that run's errors is the lost one (the probe may also
 * fail for reasons of its own, such as a statement it cannot wrap).
 */
public record LostErrorProbe(String sql, Predicate<SQLException> answers) {
    public LostErrorProbe {
        requireNonNull(sql, "sql is null");
        requireNonNull(answers, "answers is null");
    }
}

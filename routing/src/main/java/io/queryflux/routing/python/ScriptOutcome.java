package io.queryflux.routing.python;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one script call gave: a string, None, or a failure with a reason an operator can act on
 * (the exception and the script line, or the time limit).
 */
public sealed interface ScriptOutcome {
    record Value(String value) implements ScriptOutcome {
        public Value {
            requireNonNull(value, "value is null");
        }
    }

    record None() implements ScriptOutcome {}

    record Failed(ScriptFailure kind, String reason) implements ScriptOutcome {
        public Failed {
            requireNonNull(kind, "kind is null");
            requireNonNull(reason, "reason is null");
        }
    }

    default Optional<String> returned() {
        return this instanceof Value v ? Optional.of(v.value()) : Optional.empty();
    }
}

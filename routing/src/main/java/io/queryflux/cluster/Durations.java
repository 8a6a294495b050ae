package io.queryflux.cluster;

import java.time.Duration;

/** Durations in the words error messages use: whole seconds as {@code 30s}, else milliseconds. */
final class Durations {
    private Durations() {}

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}

package io.queryflux.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Forward formats that carry a list of PostgreSQL codes (result format codes, parameter type
 * OIDs) after a fixed prefix, such as {@code postgres-wire-extended:1,0,1}.
 */
public final class PgWireFormats {
    private PgWireFormats() {}

    /** The format named {@code prefix} with these codes. */
    public static String withCodes(String prefix, List<Integer> codes) {
        return prefix + codes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The codes of the format named {@code prefix} among these, if there is one. */
    public static Optional<List<Integer>> codes(String prefix, Set<String> forwardFormats) {
        for (String format : forwardFormats) {
            if (format.startsWith(prefix)) {
                String codes = format.substring(prefix.length());
                return Optional.of(codes.isEmpty() ? List.of()
                        : Arrays.stream(codes.split(",")).map(Integer::valueOf).toList());
            }
        }
        return Optional.empty();
    }
}

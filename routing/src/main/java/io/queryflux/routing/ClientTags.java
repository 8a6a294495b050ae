package io.queryflux.routing;

import java.util.Optional;
import java.util.Set;

/** Client tags are {@code key} or {@code key=value}; this matches them against a wanted tag. */
final class ClientTags {
    private ClientTags() {}

    /** Whether a tag with this key is present and, if a value is wanted, has that value. */
    static boolean has(Set<String> tags, String key, Optional<String> value) {
        for (String tag : tags) {
            int eq = tag.indexOf('=');
            String tagKey = eq < 0 ? tag : tag.substring(0, eq);
            if (!tagKey.equals(key)) {
                continue;
            }
            if (value.isEmpty()) {
                return true;
            }
            if (eq >= 0 && tag.substring(eq + 1).equals(value.get())) {
                return true;
            }
        }
        return false;
    }

    static String describe(String key, Optional<String> value) {
        return value.map(v -> key + "=" + v).orElse(key);
    }
}

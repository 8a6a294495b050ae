package io.queryflux.protocol.trino;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.SessionChange;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code X-Trino-*} headers: reading a client's session from a request, and telling the
 * client of session changes in a response, the way a Trino coordinator does.
 */
final class TrinoHeaders {
    static final HeaderName USER = HeaderNames.create("X-Trino-User");
    static final HeaderName SOURCE = HeaderNames.create("X-Trino-Source");
    static final HeaderName CATALOG = HeaderNames.create("X-Trino-Catalog");
    static final HeaderName SCHEMA = HeaderNames.create("X-Trino-Schema");
    static final HeaderName CLIENT_TAGS = HeaderNames.create("X-Trino-Client-Tags");
    static final HeaderName SESSION = HeaderNames.create("X-Trino-Session");

    static final HeaderName SET_CATALOG = HeaderNames.create("X-Trino-Set-Catalog");
    static final HeaderName SET_SCHEMA = HeaderNames.create("X-Trino-Set-Schema");
    static final HeaderName SET_SESSION = HeaderNames.create("X-Trino-Set-Session");
    static final HeaderName CLEAR_SESSION = HeaderNames.create("X-Trino-Clear-Session");

    private TrinoHeaders() {}

    /** The declared user, if the request names one. */
    static Optional<String> user(Headers headers) {
        return nonEmpty(headers, USER);
    }

    /** The session a statement request describes; every header is kept (names lowercased) for routing. */
    static ClientSession session(Headers headers, String user) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Header header : headers) {
            all.merge(header.name().toLowerCase(Locale.ROOT), String.join(",", header.allValues()),
                    (a, b) -> a + "," + b);
        }
        return new ClientSession(
                Protocol.TRINO_HTTP,
                user,
                nonEmpty(headers, SOURCE),
                nonEmpty(headers, CATALOG),
                nonEmpty(headers, SCHEMA),
                all,
                Set.copyOf(new LinkedHashSet<>(listValues(headers, CLIENT_TAGS))),
                sessionProperties(headers));
    }

    /**
     * Parses {@code X-Trino-Session}: {@code name=value} pairs, several per header separated by
     * commas and/or in repeated headers, values URL-encoded.
     *
     * @throws IllegalArgumentException when a pair has no {@code =} or an empty name
     */
    static Map<String, String> sessionProperties(Headers headers) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : listValues(headers, SESSION)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Invalid " + SESSION.defaultCase() + " header: '" + pair + "'");
            }
            properties.put(pair.substring(0, equals).trim(),
                    URLDecoder.decode(pair.substring(equals + 1).trim(), StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** The response headers that hand a session change to the client, as Trino names them. */
    static List<Header> sessionChangeHeaders(SessionChange change) {
        List<Header> headers = new ArrayList<>();
        change.catalog().ifPresent(c -> headers.add(HeaderValues.create(SET_CATALOG, c)));
        change.schema().ifPresent(s -> headers.add(HeaderValues.create(SET_SCHEMA, s)));
        change.setProperties().forEach((name, value) -> headers.add(HeaderValues.create(SET_SESSION,
                name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        change.resetProperties().forEach(name -> headers.add(HeaderValues.create(CLEAR_SESSION, name)));
        return List.copyOf(headers);
    }

    /** Trino's update type for a session statement the proxy answered. */
    static String updateType(SessionChange change) {
        if (change.catalog().isPresent() || change.schema().isPresent()) {
            return "USE";
        }
        return change.setProperties().isEmpty() ? "RESET SESSION" : "SET SESSION";
    }

    private static Optional<String> nonEmpty(Headers headers, HeaderName name) {
        return headers.first(name).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static List<String> listValues(Headers headers, HeaderName name) {
        if (!headers.contains(name)) {
            return List.of();
        }
        return headers.get(name).allValues().stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }
}

package io.queryflux.protocol.flight;

import io.queryflux.dispatch.ClientSession;
import io.queryflux.dispatch.Protocol;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.flight.FlightProducer.CallContext;

/**
 * Builds a query's {@link ClientSession} from a Flight call: the user the handshake
 * authenticated, and the session the client sent as headers. The Flight SQL JDBC driver sends
 * every connection property it does not know as a header, so
 * {@code jdbc:arrow-flight-sql://host:port/?catalog=memory&schema=main&client_tags=etl} works.
 * <ul>
 *   <li>{@code catalog}, {@code schema}: the session catalog and schema;
 *   <li>{@code source}: the client application (else the {@code user-agent});
 *   <li>{@code client_tags} or {@code x-queryflux-client-tags}: comma-separated client tags;
 *   <li>every other header, such as a routing-group hint a header router reads, is passed to
 *       routing as is, except {@code authorization}.
 * </ul>
 */
final class CallSessions {
    static final Set<String> CLIENT_TAG_HEADERS = Set.of("client_tags", "x-queryflux-client-tags");
    private static final Set<String> PRIVATE_HEADERS = Set.of("authorization");

    private CallSessions() {}

    static ClientSession sessionOf(CallContext context) {
        Map<String, String> headers = headersOf(context);
        Set<String> tags = new LinkedHashSet<>();
        for (String name : CLIENT_TAG_HEADERS) {
            Optional.ofNullable(headers.get(name)).ifPresent(value -> Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(tag -> !tag.isEmpty())
                    .forEach(tags::add));
        }
        return new ClientSession(
                Protocol.FLIGHT_SQL,
                context.peerIdentity(),
                Optional.ofNullable(headers.get("source")).or(() -> Optional.ofNullable(headers.get("user-agent"))),
                Optional.ofNullable(headers.get("catalog")).filter(s -> !s.isBlank()),
                Optional.ofNullable(headers.get("schema")).filter(s -> !s.isBlank()),
                headers,
                tags,
                Map.of());
    }

    private static Map<String, String> headersOf(CallContext context) {
        CallHeadersMiddleware middleware = context.getMiddleware(CallHeadersMiddleware.KEY);
        if (middleware == null) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(middleware.headers());
        headers.keySet().removeAll(PRIVATE_HEADERS);
        return headers;
    }
}

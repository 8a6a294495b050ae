package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is asking and in what session: everything about a query except its text. A frontend
 * builds it per request (HTTP) or per connection (wire protocols).
 *
 * @param protocol the frontend the client used
 * @param user the authenticated or declared user
 * @param source the client application, if it said
 * @param catalog the session catalog
 * @param schema the session schema
 * @param headers request headers or protocol attributes, names in lower case
 * @param clientTags client tags; a tag may be {@code key} or {@code key=value}
 * @param sessionProperties session properties the client set
 */
public record ClientSession(
        Protocol protocol,
        String user,
        Optional<String> source,
        Optional<String> catalog,
        Optional<String> schema,
        Map<String, String> headers,
        Set<String> clientTags,
        Map<String, String> sessionProperties) {
    public ClientSession {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(user, "user is null");
        requireNonNull(source, "source is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        headers = requireNonNull(headers, "headers is null").entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                        (a, b) -> a));
        clientTags = Set.copyOf(requireNonNull(clientTags, "clientTags is null"));
        sessionProperties = Map.copyOf(requireNonNull(sessionProperties, "sessionProperties is null"));
    }

    /** A session with only a protocol and a user. */
    public static ClientSession of(Protocol protocol, String user) {
        return new ClientSession(protocol, user, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Set.of(), Map.of());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public ClientSession withCatalog(Optional<String> newCatalog) {
        return new ClientSession(protocol, user, source, newCatalog, schema, headers, clientTags, sessionProperties);
    }

    public ClientSession withSchema(Optional<String> newSchema) {
        return new ClientSession(protocol, user, source, catalog, newSchema, headers, clientTags, sessionProperties);
    }

    public ClientSession withSessionProperties(Map<String, String> properties) {
        return new ClientSession(protocol, user, source, catalog, schema, headers, clientTags, properties);
    }

    public ClientSession withClientTags(Set<String> tags) {
        return new ClientSession(protocol, user, source, catalog, schema, headers, tags, sessionProperties);
    }
}

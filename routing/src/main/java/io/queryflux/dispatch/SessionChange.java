package io.queryflux.dispatch;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A change of session state made by a statement the proxy answers itself ({@code USE},
 * {@code SET SESSION}, {@code RESET SESSION}); the frontend keeps it or hands it to the client
 * (Trino's {@code X-Trino-Set-*} headers).
 */
public record SessionChange(
        Optional<String> catalog,
        Optional<String> schema,
        Map<String, String> setProperties,
        Set<String> resetProperties) {
    public SessionChange {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        setProperties = Map.copyOf(requireNonNull(setProperties, "setProperties is null"));
        resetProperties = Set.copyOf(requireNonNull(resetProperties, "resetProperties is null"));
    }

    /** The session after this change. */
    public ClientSession applyTo(ClientSession session) {
        ClientSession result = session;
        if (catalog.isPresent()) {
            result = result.withCatalog(catalog);
        }
        if (schema.isPresent()) {
            result = result.withSchema(schema);
        }
        if (!setProperties.isEmpty() || !resetProperties.isEmpty()) {
            Map<String, String> properties = new java.util.HashMap<>(result.sessionProperties());
            properties.keySet().removeAll(resetProperties);
            properties.putAll(setProperties);
            result = result.withSessionProperties(properties);
        }
        return result;
    }
}

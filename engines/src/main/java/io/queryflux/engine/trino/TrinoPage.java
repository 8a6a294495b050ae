package io.queryflux.engine.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One response of Trino's statement protocol ({@code QueryResults}): the parts the engine
 * reads, the rest of the JSON is ignored.
 *
 * @param columns the {@code columns} array once Trino knows them
 * @param data this page's rows, an array of arrays; empty when the page has none
 */
record TrinoPage(
        String queryId,
        Optional<URI> nextUri,
        Optional<JsonNode> columns,
        JsonNode data,
        Optional<JsonNode> error,
        Optional<String> updateType,
        OptionalLong updateCount) {
    TrinoPage {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(nextUri, "nextUri is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(data, "data is null");
        requireNonNull(error, "error is null");
        requireNonNull(updateType, "updateType is null");
        requireNonNull(updateCount, "updateCount is null");
    }

    static TrinoPage from(JsonNode json) {
        JsonNode updateCount = json.path("updateCount");
        return new TrinoPage(
                json.path("id").asText(),
                Optional.ofNullable(json.path("nextUri").textValue()).map(URI::create),
                Optional.ofNullable(json.get("columns")).filter(JsonNode::isArray),
                json.path("data"),
                Optional.ofNullable(json.get("error")).filter(JsonNode::isObject),
                Optional.ofNullable(json.path("updateType").textValue()),
                updateCount.isIntegralNumber() ? OptionalLong.of(updateCount.longValue()) : OptionalLong.empty());
    }
}

package io.queryflux.protocol.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.engine.Column;
import io.queryflux.engine.QueryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One response of the statement protocol, in the field order a Trino coordinator uses.
 *
 * @param rawColumns the upstream's own {@code columns} array, written instead of {@code columns}
 *     on the raw passthrough path
 * @param data the rows of this page as an encoded JSON array, if the page has rows
 */
record QueryResults(
        String id,
        URI infoUri,
        Optional<URI> nextUri,
        Optional<List<Column>> columns,
        Optional<String> rawColumns,
        Optional<String> data,
        QueryStats stats,
        Optional<QueryException> error,
        Optional<String> updateType,
        OptionalLong updateCount) {
    static final JsonFactory JSON = new JsonFactory();

    QueryResults {
        requireNonNull(id, "id is null");
        requireNonNull(infoUri, "infoUri is null");
        requireNonNull(nextUri, "nextUri is null");
        columns = requireNonNull(columns, "columns is null").map(List::copyOf);
        requireNonNull(rawColumns, "rawColumns is null");
        requireNonNull(data, "data is null");
        requireNonNull(stats, "stats is null");
        requireNonNull(error, "error is null");
        requireNonNull(updateType, "updateType is null");
        requireNonNull(updateCount, "updateCount is null");
    }

    /**
     * Statistics as Trino clients read them. A proxy knows no splits or CPU time; those stay
     * zero, which clients show as such.
     */
    record QueryStats(
            String state,
            boolean queued,
            boolean scheduled,
            int nodes,
            long queuedTimeMillis,
            long elapsedTimeMillis,
            long processedRows,
            long processedBytes) {
        QueryStats {
            requireNonNull(state, "state is null");
        }
    }

    byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.map(String::length).orElse(0) + 1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("infoUri", infoUri.toString());
            if (nextUri.isPresent()) {
                json.writeStringField("nextUri", nextUri.get().toString());
            }
            if (columns.isPresent()) {
                TypeSignatures.writeColumns(json, columns.get());
            }
            if (rawColumns.isPresent()) {
                json.writeFieldName("columns");
                json.writeRawValue(rawColumns.get());
            }
            if (data.isPresent()) {
                json.writeFieldName("data");
                json.writeRawValue(data.get());
            }
            writeStats(json);
            if (error.isPresent()) {
                writeError(json, error.get());
            }
            json.writeArrayFieldStart("warnings");
            json.writeEndArray();
            if (updateType.isPresent()) {
                json.writeStringField("updateType", updateType.get());
            }
            if (updateCount.isPresent()) {
                json.writeNumberField("updateCount", updateCount.getAsLong());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeStats(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("stats");
        json.writeStringField("state", stats.state());
        json.writeBooleanField("queued", stats.queued());
        json.writeBooleanField("scheduled", stats.scheduled());
        json.writeNumberField("nodes", stats.nodes());
        json.writeNumberField("totalSplits", 0);
        json.writeNumberField("queuedSplits", 0);
        json.writeNumberField("runningSplits", 0);
        json.writeNumberField("completedSplits", 0);
        json.writeNumberField("cpuTimeMillis", 0);
        json.writeNumberField("wallTimeMillis", stats.elapsedTimeMillis());
        json.writeNumberField("queuedTimeMillis", stats.queuedTimeMillis());
        json.writeNumberField("elapsedTimeMillis", stats.elapsedTimeMillis());
        json.writeNumberField("processedRows", stats.processedRows());
        json.writeNumberField("processedBytes", stats.processedBytes());
        json.writeNumberField("physicalInputBytes", 0);
        json.writeNumberField("physicalWrittenBytes", 0);
        json.writeNumberField("peakMemoryBytes", 0);
        json.writeNumberField("spilledBytes", 0);
        json.writeEndObject();
    }

    private static void writeError(JsonGenerator json, QueryException e) throws IOException {
        json.writeObjectFieldStart("error");
        json.writeStringField("message", e.getMessage());
        json.writeStringField("sqlState", e.sqlState());
        json.writeNumberField("errorCode", e.code().trinoCode());
        json.writeStringField("errorName", e.code().trinoName());
        json.writeStringField("errorType", e.code().type().name());
        json.writeObjectFieldStart("failureInfo");
        json.writeStringField("type", e.getClass().getName());
        json.writeStringField("message", e.getMessage());
        json.writeArrayFieldStart("suppressed");
        json.writeEndArray();
        // Engine stack frames are of no use to a client and would leak internals.
        json.writeArrayFieldStart("stack");
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }
}

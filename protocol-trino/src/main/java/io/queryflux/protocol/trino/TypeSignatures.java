package io.queryflux.protocol.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.engine.Column;
import io.queryflux.engine.SqlType;
import java.io.IOException;
import java.util.List;

/**
 * Writes result columns as Trino's {@code columns} array: the type's display name and its
 * {@code typeSignature} (raw type plus LONG, TYPE or NAMED_TYPE arguments), from which Trino
 * clients pick the decoder for each value.
 */
final class TypeSignatures {
    /** Trino's length of an unbounded varchar. */
    private static final long UNBOUNDED_VARCHAR_LENGTH = Integer.MAX_VALUE;

    private TypeSignatures() {}

    static void writeColumns(JsonGenerator json, List<Column> columns) throws IOException {
        json.writeArrayFieldStart("columns");
        for (Column column : columns) {
            json.writeStartObject();
            json.writeStringField("name", column.name());
            json.writeStringField("type", column.type().trinoName());
            json.writeFieldName("typeSignature");
            writeSignature(json, column.type());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    static void writeSignature(JsonGenerator json, SqlType type) throws IOException {
        json.writeStartObject();
        json.writeStringField("rawType", type.kind().trinoName());
        json.writeArrayFieldStart("arguments");
        switch (type.kind()) {
            case DECIMAL -> {
                writeLong(json, type.precision());
                writeLong(json, type.scale());
            }
            case VARCHAR, CHAR -> writeLong(json,
                    type.precision() == SqlType.UNBOUNDED ? UNBOUNDED_VARCHAR_LENGTH : type.precision());
            case TIME, TIME_WITH_TIME_ZONE, TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> writeLong(json, type.precision());
            case ARRAY, MAP -> {
                for (SqlType.Field field : type.fields()) {
                    json.writeStartObject();
                    json.writeStringField("kind", "TYPE");
                    json.writeFieldName("value");
                    writeSignature(json, field.type());
                    json.writeEndObject();
                }
            }
            case ROW -> {
                for (SqlType.Field field : type.fields()) {
                    json.writeStartObject();
                    json.writeStringField("kind", "NAMED_TYPE");
                    json.writeObjectFieldStart("value");
                    if (field.name().isPresent()) {
                        json.writeObjectFieldStart("fieldName");
                        json.writeStringField("name", field.name().get());
                        json.writeEndObject();
                    }
                    json.writeFieldName("typeSignature");
                    writeSignature(json, field.type());
                    json.writeEndObject();
                    json.writeEndObject();
                }
            }
            default -> {
                // the other types take no parameters
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeLong(JsonGenerator json, long value) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", "LONG");
        json.writeNumberField("value", value);
        json.writeEndObject();
    }
}

package io.queryflux.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.queryflux.engine.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes values from Trino's JSON result encoding into the Java classes {@link SqlType}
 * fixes. Trino sends decimals, dates, times, timestamps and intervals as text, binary as base64,
 * rows as arrays and maps as objects whose keys are the keys' text; each is parsed exactly.
 */
final class TrinoValues {
    /** Decodes one non-null JSON value of a known column type. */
    @FunctionalInterface
    interface Decoder {
        Object decode(JsonNode node);
    }

    private TrinoValues() {}

    /** A decoder for the type; it returns Java {@code null} for JSON null. */
    static Decoder decoder(SqlType type) {
        Decoder decoder = nonNullDecoder(type);
        return node -> node == null || node.isNull() ? null : decoder.decode(node);
    }

    private static Decoder nonNullDecoder(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> node -> node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(node.asText());
            case TINYINT -> node -> (byte) integral(node, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT -> node -> (short) integral(node, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> node -> (int) integral(node, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> node -> integral(node, Long.MIN_VALUE, Long.MAX_VALUE);
            // Non-finite values come as the strings NaN, Infinity and -Infinity.
            case REAL -> node -> node.isNumber() ? (float) node.doubleValue() : Float.parseFloat(node.asText());
            case DOUBLE -> node -> node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText());
            case DECIMAL -> node -> new BigDecimal(node.asText()).setScale(type.scale(), RoundingMode.UNNECESSARY);
            case VARCHAR, CHAR, JSON, UNKNOWN -> node -> node.isTextual() ? node.textValue() : node.toString();
            case VARBINARY -> node -> Base64.getDecoder().decode(node.asText());
            case DATE -> node -> LocalDate.parse(node.asText());
            case TIME -> node -> LocalTime.parse(node.asText());
            case TIME_WITH_TIME_ZONE -> node -> OffsetTime.parse(node.asText());
            case TIMESTAMP -> node -> TrinoText.timestamp(node.asText());
            case TIMESTAMP_WITH_TIME_ZONE -> node -> TrinoText.timestampWithTimeZone(node.asText());
            case INTERVAL_DAY_TO_SECOND -> node -> TrinoText.dayToSecond(node.asText());
            case INTERVAL_YEAR_TO_MONTH -> node -> TrinoText.yearToMonth(node.asText());
            case UUID -> node -> UUID.fromString(node.asText());
            case ARRAY -> array(type.elementType());
            case MAP -> map(type.keyType(), type.valueType());
            case ROW -> row(type.fields());
        };
    }

    private static long integral(JsonNode node, long min, long max) {
        long value = node.isIntegralNumber() ? node.longValue() : Long.parseLong(node.asText());
        if (value < min || value > max || (node.isIntegralNumber() && !node.canConvertToLong())) {
            throw new IllegalArgumentException("Integer " + node + " out of range");
        }
        return value;
    }

    private static Decoder array(SqlType elementType) {
        Decoder element = decoder(elementType);
        return node -> {
            List<Object> values = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                values.add(element.decode(item));
            }
            return Collections.unmodifiableList(values);
        };
    }

    /** Trino writes map keys as JSON object keys, that is as the keys' text. */
    private static Decoder map(SqlType keyType, SqlType valueType) {
        Decoder key = decoder(keyType);
        Decoder value = decoder(valueType);
        return node -> {
            Map<Object, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                values.put(key.decode(TextNode.valueOf(entry.getKey())), value.decode(entry.getValue()));
            }
            return Collections.unmodifiableMap(values);
        };
    }

    /** Rows come as arrays of field values in field order. */
    private static Decoder row(List<SqlType.Field> fields) {
        Decoder[] decoders = fields.stream().map(f -> decoder(f.type())).toArray(Decoder[]::new);
        return node -> {
            if (node.size() != decoders.length) {
                throw new IllegalArgumentException("Row " + node + " does not have " + decoders.length + " fields");
            }
            List<Object> values = new ArrayList<>(decoders.length);
            for (int i = 0; i < decoders.length; i++) {
                values.add(decoders[i].decode(node.get(i)));
            }
            return Collections.unmodifiableList(values);
        };
    }
}

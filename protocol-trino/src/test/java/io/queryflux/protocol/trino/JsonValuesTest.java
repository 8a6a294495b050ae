package io.queryflux.protocol.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.engine.SqlType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encodings of values no DuckDB query produces, checked against Trino's formats. */
class JsonValuesTest {
    private static String json(Object value, SqlType type) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = QueryResults.JSON.createGenerator(out)) {
            JsonValues.write(json, value, type);
        }
        return out.toString();
    }

    @Test
    void intervalsAsTrinoPrintsThem() throws IOException {
        Duration duration = Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(567);
        assertEquals("\"1 02:03:04.567\"", json(duration, SqlType.INTERVAL_DAY_TO_SECOND));
        assertEquals("\"-0 00:00:01.500\"", json(Duration.ofMillis(-1500), SqlType.INTERVAL_DAY_TO_SECOND));
        assertEquals("\"1-2\"", json(Period.of(1, 2, 0), SqlType.INTERVAL_YEAR_TO_MONTH));
        assertEquals("\"-1-2\"", json(Period.ofMonths(-14), SqlType.INTERVAL_YEAR_TO_MONTH));
    }

    @Test
    void temporalPrecisionAndZones() throws IOException {
        LocalDateTime time = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789);
        assertEquals("\"2024-01-02 03:04:05\"", json(time, SqlType.timestamp(0)));
        assertEquals("\"2024-01-02 03:04:05.123456789\"", json(time, SqlType.timestamp(9)));
        assertEquals("\"2024-01-02 03:04:05.123456789000\"", json(time, SqlType.timestamp(12)));
        assertEquals("\"03:04:05.1\"", json(LocalTime.of(3, 4, 5, 100_000_000), SqlType.time(1)));
        assertEquals("\"2024-01-02 03:04:05.123 UTC\"",
                json(OffsetDateTime.of(time, ZoneOffset.UTC), SqlType.timestampWithTimeZone(3)));
        assertEquals("\"2024-01-02 03:04:05.123 -08:00\"",
                json(OffsetDateTime.of(time, ZoneOffset.ofHours(-8)), SqlType.timestampWithTimeZone(3)));
        assertEquals("\"2024-01-02 03:04:05.123 Europe/Paris\"",
                json(ZonedDateTime.of(time, ZoneId.of("Europe/Paris")), SqlType.timestampWithTimeZone(3)));
    }

    @Test
    void charIsPaddedAndDecimalKeepsItsScale() throws IOException {
        assertEquals("\"ab   \"", json("ab", SqlType.chars(5)));
        assertEquals("\"1.50\"", json(new BigDecimal("1.5"), SqlType.decimal(5, 2)));
        assertEquals("\"100\"", json(new BigDecimal("1E+2"), SqlType.decimal(5, 0)));
    }

    @Test
    void numbersAndNonFiniteFloats() throws IOException {
        assertEquals("1.0", json(1.0d, SqlType.DOUBLE));
        assertEquals("\"NaN\"", json(Double.NaN, SqlType.DOUBLE));
        assertEquals("\"Infinity\"", json(Float.POSITIVE_INFINITY, SqlType.REAL));
        assertEquals("-7", json((byte) -7, SqlType.TINYINT));
    }

    @Test
    void mapKeysAreTheirText() throws IOException {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1L, "a");
        map.put(2L, null);
        assertEquals("{\"1\":\"a\",\"2\":null}", json(map, SqlType.map(SqlType.BIGINT, SqlType.VARCHAR)));
        assertEquals("[[1,\"x\"]]", json(List.of(List.of(1, "x")),
                SqlType.array(SqlType.row(List.of(SqlType.Field.named("a", SqlType.INTEGER),
                        SqlType.Field.named("b", SqlType.VARCHAR))))));
    }
}

package io.queryflux.engine.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TrinoTextTest {
    @Test
    void timestampsKeepYearsOutsideFourDigitsAndAllNanos() {
        assertEquals(LocalDateTime.of(12345, 1, 1, 0, 0), TrinoText.timestamp("+12345-01-01 00:00:00"));
        assertEquals(LocalDateTime.of(-1, 1, 2, 3, 4, 5, 123456789), TrinoText.timestamp("-0001-01-02 03:04:05.123456789"));
    }

    @Test
    void zonesAreKeptAsPrinted() {
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-5, -30)),
                TrinoText.timestampWithTimeZone("2024-01-02 03:04:05 -05:30"));
        assertEquals(ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 1000, ZoneId.of("America/New_York")),
                TrinoText.timestampWithTimeZone("2024-07-01 12:00:00.000001 America/New_York"));
    }

    @Test
    void intervalsCarryTheirSignOnTheWhole() {
        assertEquals(Duration.ZERO, TrinoText.dayToSecond("0 00:00:00.000"));
        assertEquals(Duration.ofDays(25).plusHours(23).plusMinutes(59).plusMillis(59_999), TrinoText.dayToSecond("25 23:59:59.999"));
        assertEquals(Duration.ofDays(1).plusHours(2).negated(), TrinoText.dayToSecond("-1 02:00:00.000"));
        assertEquals(Period.of(-1, -2, 0), TrinoText.yearToMonth("-1-2"));
        assertEquals(Period.of(0, 11, 0), TrinoText.yearToMonth("0-11"));
    }
}

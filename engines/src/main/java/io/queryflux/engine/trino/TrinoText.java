package io.queryflux.engine.trino;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Parses the text Trino (and Athena, which runs Trino) prints for timestamps and intervals,
 * exactly: nothing is rounded and the zone the engine printed is kept.
 */
public final class TrinoText {
    /** {@code 2024-01-02 03:04:05.123456}; years beyond 9999 and before 1 carry a sign. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private TrinoText() {}

    public static LocalDateTime timestamp(String text) {
        return LocalDateTime.parse(text, TIMESTAMP);
    }

    /**
     * Trino ends the text with a zone: an offset ({@code +01:00}) gives an {@code OffsetDateTime},
     * a zone id ({@code UTC}, {@code Europe/Berlin}) a {@code ZonedDateTime} with that id, so the
     * zone the engine reported is never lost.
     */
    public static Object timestampWithTimeZone(String text) {
        int space = text.lastIndexOf(' ');
        LocalDateTime local = timestamp(text.substring(0, space));
        String zone = text.substring(space + 1);
        if (zone.startsWith("+") || zone.startsWith("-")) {
            return OffsetDateTime.of(local, ZoneOffset.of(zone));
        }
        return ZonedDateTime.ofLocal(local, ZoneId.of(zone), null);
    }

    /** {@code [-]D HH:MM:SS.mmm}: the sign applies to the whole interval. */
    public static Duration dayToSecond(String text) {
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        int space = body.indexOf(' ');
        long days = Long.parseLong(body.substring(0, space));
        String[] hms = body.substring(space + 1).split(":");
        BigDecimal seconds = new BigDecimal(hms[2]);
        Duration duration = Duration.ofDays(days)
                .plusHours(Long.parseLong(hms[0]))
                .plusMinutes(Long.parseLong(hms[1]))
                .plusSeconds(seconds.longValue())
                .plusNanos(seconds.remainder(BigDecimal.ONE).movePointRight(9).longValueExact());
        return negative ? duration.negated() : duration;
    }

    /** {@code [-]Y-M}: the sign applies to the whole interval. */
    public static Period yearToMonth(String text) {
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        int dash = body.indexOf('-');
        Period period = Period.of(Integer.parseInt(body.substring(0, dash)), Integer.parseInt(body.substring(dash + 1)), 0);
        return negative ? period.negated() : period;
    }
}

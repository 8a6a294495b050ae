package io.queryflux.dispatch;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Query ids in Trino's shape ({@code 20261124_075603_00001_k3x9q}): sortable by time, unique in
 * a process, unguessable in the last part, since the id is in every nextUri.
 */
final class QueryIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final AtomicLong counter = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder id = new StringBuilder(ZonedDateTime.now(ZoneOffset.UTC).format(TIME))
                .append('_')
                .append(String.format("%05d", counter.incrementAndGet() % 100_000))
                .append('_');
        for (int i = 0; i < 5; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}

package io.queryflux.dispatch;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Query ids in Trino's shape ({@code 20261124_075603_00001_k3x9q}): sortable by time, unique in
 * a process, unguessable in the last part, since the id is in every nextUri. Made on every
 * query, so the time prefix is formatted once a second and the random part takes one draw.
 */
final class QueryIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    /** The formatted second that {@code prefix} holds. */
    private record Prefix(long epochSecond, String text) {}

    private final AtomicLong counter = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    /** Random bytes drawn in bulk: a SecureRandom call per query cost ~5% of a point query's CPU. */
    private final byte[] pool = new byte[4096];
    private int drawn = pool.length;
    private final ReentrantLock poolLock = new ReentrantLock();
    private volatile Prefix prefix = new Prefix(Long.MIN_VALUE, "");

    String next() {
        long now = Instant.now().getEpochSecond();
        Prefix current = prefix;
        if (current.epochSecond() != now) {
            current = new Prefix(now, TIME.format(Instant.ofEpochSecond(now)));
            prefix = current;
        }
        long sequence = counter.incrementAndGet() % 100_000;
        StringBuilder id = new StringBuilder(27).append(current.text()).append('_');
        for (long digit = 10_000; digit > 0; digit /= 10) {
            id.append((char) ('0' + sequence / digit % 10));
        }
        id.append('_');
        // Five 5-bit letters from one draw: ALPHABET has 32 letters, so no letter is favoured.
        int bits = nextRandom();
        for (int i = 0; i < 5; i++, bits >>>= 5) {
            id.append(ALPHABET[(int) (bits & 31)]);
        }
        return id.toString();
    }

    /** 32 random bits. */
    private int nextRandom() {
        poolLock.lock();
        try {
            if (drawn == pool.length) {
                random.nextBytes(pool);
                drawn = 0;
            }
            int bits = (pool[drawn] & 0xff) << 24 | (pool[drawn + 1] & 0xff) << 16 | (pool[drawn + 2] & 0xff) << 8
                    | (pool[drawn + 3] & 0xff);
            drawn += 4;
            return bits;
        } finally {
            poolLock.unlock();
        }
    }
}

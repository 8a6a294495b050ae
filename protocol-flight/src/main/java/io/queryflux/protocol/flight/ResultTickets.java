package io.queryflux.protocol.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.queryflux.dispatch.RunningQuery;
import io.queryflux.engine.ResultCursor;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queries started by GetFlightInfo, keyed by the unguessable ticket handle the client redeems
 * with DoGet. A ticket is redeemed once; one not redeemed within the timeout is cancelled and
 * closed by {@link #reapExpired()}, so an abandoned ticket gives its group slot back.
 */
final class ResultTickets implements AutoCloseable {
    private static final int HANDLE_BYTES = 16;

    /** A started query waiting for, or being read by, its DoGet. */
    record Entry(RunningQuery query, ResultCursor cursor, String user, long createdNanos, boolean redeemed) {
        Entry {
            requireNonNull(query, "query is null");
            requireNonNull(cursor, "cursor is null");
            requireNonNull(user, "user is null");
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<ByteString, Entry> entries = new ConcurrentHashMap<>();
    private final long timeoutNanos;

    ResultTickets(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    ByteString register(RunningQuery query, ResultCursor cursor, String user) {
        byte[] bytes = new byte[HANDLE_BYTES];
        random.nextBytes(bytes);
        ByteString handle = ByteString.copyFrom(bytes);
        entries.put(handle, new Entry(query, cursor, user, System.nanoTime(), false));
        return handle;
    }

    /** Redeems a ticket for its owner; empty when unknown, expired, already redeemed or not theirs. */
    Optional<Entry> redeem(ByteString handle, String user) {
        Entry[] taken = new Entry[1];
        entries.computeIfPresent(handle, (h, e) -> {
            if (e.redeemed() || !e.user().equals(user)) {
                return e;
            }
            taken[0] = e;
            return new Entry(e.query(), e.cursor(), e.user(), e.createdNanos(), true);
        });
        return Optional.ofNullable(taken[0]);
    }

    /** Forgets a redeemed ticket once its stream is over. */
    void finished(ByteString handle) {
        entries.remove(handle);
    }

    /** Cancels the query behind a ticket, pending or streaming; false when there is none for the user. */
    boolean cancel(ByteString handle, String user) {
        Entry entry = entries.get(handle);
        if (entry == null || !entry.user().equals(user)) {
            return false;
        }
        entry.query().cancel();
        if (!entry.redeemed() && entries.remove(handle, entry)) {
            entry.query().close();
        }
        return true;
    }

    /** Cancels and closes tickets nobody redeemed in time. */
    void reapExpired() {
        long now = System.nanoTime();
        entries.forEach((handle, entry) -> {
            if (!entry.redeemed() && now - entry.createdNanos() > timeoutNanos && entries.remove(handle, entry)) {
                entry.query().cancel();
                entry.query().close();
            }
        });
    }

    int size() {
        return entries.size();
    }

    @Override
    public void close() {
        entries.forEach((handle, entry) -> {
            if (entries.remove(handle, entry)) {
                entry.query().cancel();
                if (!entry.redeemed()) {
                    entry.query().close();
                }
            }
        });
    }
}

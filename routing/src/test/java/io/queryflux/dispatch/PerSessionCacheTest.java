package io.queryflux.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.engine.QueryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerSessionCacheTest {
    /** A value that counts its uses and answers nothing once closed. */
    private static final class Value implements AutoCloseable {
        final int id;
        boolean closed;

        Value(int id) {
            this.id = id;
        }

        Optional<Integer> read() {
            return closed ? Optional.empty() : Optional.of(id);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final AtomicInteger loads = new AtomicInteger();
    private final List<Value> made = new ArrayList<>();

    private Value load() {
        Value value = new Value(loads.incrementAndGet());
        made.add(value);
        return value;
    }

    @Test
    void aSessionsValueIsReusedWithinTheTtlAndReloadedAfter() throws Exception {
        ClientSession alice = ClientSession.of(Protocol.POSTGRES_WIRE, "alice");
        try (PerSessionCache<Value> cache = new PerSessionCache<>(Duration.ofMillis(200), 8)) {
            assertEquals(1, cache.use(alice, this::load, Value::read));
            assertEquals(1, cache.use(alice, this::load, Value::read));
            assertEquals(2, cache.use(ClientSession.of(Protocol.POSTGRES_WIRE, "bob"), this::load, Value::read));
            Thread.sleep(250);
            assertEquals(3, cache.use(alice, this::load, Value::read));
            assertTrue(made.get(0).closed, "the replaced value is closed");
        }
        assertTrue(made.stream().allMatch(v -> v.closed), "close closes every value");
    }

    @Test
    void theOldestSessionIsEvictedAndClosedBeyondTheBound() throws QueryException {
        try (PerSessionCache<Value> cache = new PerSessionCache<>(Duration.ofMinutes(1), 2)) {
            for (String user : List.of("a", "b", "c")) {
                cache.use(ClientSession.of(Protocol.POSTGRES_WIRE, user), this::load, Value::read);
            }
            assertEquals(List.of(true, false, false), made.stream().map(v -> v.closed).toList());
            cache.invalidate();
            assertEquals(4, cache.use(ClientSession.of(Protocol.POSTGRES_WIRE, "b"), this::load, Value::read));
        }
    }

    @Test
    void aValueClosedBetweenLookupAndUseIsLoadedAgain() throws QueryException {
        ClientSession alice = ClientSession.of(Protocol.POSTGRES_WIRE, "alice");
        try (PerSessionCache<Value> cache = new PerSessionCache<>(Duration.ofMinutes(1), 8)) {
            AtomicInteger calls = new AtomicInteger();
            int answer = cache.use(alice, this::load, value -> {
                if (calls.incrementAndGet() == 1) {
                    cache.invalidate(); // another thread dropped it after this one looked it up
                }
                return value.read();
            });
            assertEquals(2, answer);
            assertEquals(2, calls.get());
        }
    }

    @Test
    void aValueLoadedAcrossAnInvalidationIsUsedOnceAndThenLoadedAgain() throws QueryException {
        ClientSession alice = ClientSession.of(Protocol.POSTGRES_WIRE, "alice");
        try (PerSessionCache<Value> cache = new PerSessionCache<>(Duration.ofMinutes(1), 8)) {
            // DDL invalidates while the first load is still reading the engine's metadata.
            assertEquals(1, cache.use(alice, () -> {
                Value value = load();
                cache.invalidate();
                return value;
            }, Value::read));
            assertEquals(2, cache.use(alice, this::load, Value::read), "the load that raced the change is not kept");
            assertEquals(2, cache.use(alice, this::load, Value::read));
        }
    }
}

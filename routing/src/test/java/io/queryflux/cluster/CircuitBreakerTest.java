package io.queryflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.queryflux.cluster.CircuitBreaker.Permit;
import io.queryflux.cluster.CircuitBreaker.State;
import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.testing.ManualClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final ManualClock clock = new ManualClock();
    private final CircuitBreaker breaker = new CircuitBreaker(
            new CircuitBreaker.Settings(10, 5, 0.5, Duration.ofSeconds(10), Duration.ofSeconds(35)), clock);

    private void outcomes(int successes, int failures) {
        for (int i = 0; i < successes; i++) {
            breaker.record(breaker.tryAcquire(), true);
        }
        for (int i = 0; i < failures; i++) {
            breaker.record(breaker.tryAcquire(), false);
        }
    }

    @Test
    void staysClosedBelowTheFailureRate() {
        outcomes(6, 4);
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(breaker.permitsNow());
        assertEquals(4, breaker.snapshot().failures());
    }

    @Test
    void needsMinimumCallsBeforeOpening() {
        outcomes(0, 4);
        assertEquals(State.CLOSED, breaker.state(), "4 of 4 failed, but fewer than 5 calls");
        outcomes(0, 1);
        assertEquals(State.OPEN, breaker.state());
    }

    @Test
    void opensAtTheThresholdAndRefuses() {
        outcomes(5, 5);
        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.permitsNow());
        assertEquals(Permit.DENIED, breaker.tryAcquire());
        assertEquals(Optional.of(clock.instant().plusSeconds(10)), breaker.snapshot().openUntil());
        clock.advance(Duration.ofSeconds(9));
        assertEquals(Permit.DENIED, breaker.tryAcquire());
    }

    @Test
    void oldOutcomesSlideOutOfTheWindow() {
        outcomes(6, 4);
        outcomes(10, 0);
        assertEquals(0, breaker.snapshot().failures(), "the four failures slid out");
        // The window now holds 10 successes; four more failures make 4 of 10.
        outcomes(0, 4);
        assertEquals(State.CLOSED, breaker.state());
        outcomes(0, 1);
        assertEquals(State.OPEN, breaker.state(), "5 of the last 10 failed");
    }

    @Test
    void halfOpenLetsOneProbeThroughAndClosesOnSuccess() {
        outcomes(0, 5);
        clock.advance(Duration.ofSeconds(10));
        assertTrue(breaker.permitsNow());
        Permit probe = breaker.tryAcquire();
        assertEquals(Permit.PROBE, probe);
        assertEquals(State.HALF_OPEN, breaker.state());
        assertFalse(breaker.permitsNow(), "one probe at a time");
        assertEquals(Permit.DENIED, breaker.tryAcquire());
        breaker.record(probe, true);
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(0, breaker.snapshot().calls(), "the window starts afresh");
        assertEquals(Permit.GRANTED, breaker.tryAcquire());
    }

    @Test
    void failedProbesDoubleTheBackoffUpToTheCap() {
        outcomes(0, 5);
        Duration[] expected = {Duration.ofSeconds(20), Duration.ofSeconds(35), Duration.ofSeconds(35)};
        Duration open = Duration.ofSeconds(10);
        for (Duration next : expected) {
            clock.advance(open);
            Permit probe = breaker.tryAcquire();
            assertEquals(Permit.PROBE, probe);
            breaker.record(probe, false);
            assertEquals(State.OPEN, breaker.state());
            assertEquals(next, breaker.snapshot().backoff());
            assertEquals(Optional.of(clock.instant().plus(next)), breaker.snapshot().openUntil());
            open = next;
        }
        clock.advance(open);
        breaker.record(breaker.tryAcquire(), true);
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(Duration.ofSeconds(10), breaker.snapshot().backoff(), "backoff resets once closed");
    }

    @Test
    void abandonedProbeLetsAnotherProbe() {
        outcomes(0, 5);
        clock.advance(Duration.ofSeconds(10));
        Permit probe = breaker.tryAcquire();
        breaker.abandon(probe);
        assertEquals(Permit.PROBE, breaker.tryAcquire());
    }

    @Test
    void onlyClusterSideErrorsCountAgainstTheCluster() {
        assertTrue(CircuitBreaker.countsAgainstCluster(new QueryException(ErrorCode.EXTERNAL_ERROR, "x")));
        assertTrue(CircuitBreaker.countsAgainstCluster(new QueryException(ErrorCode.GENERIC_INTERNAL_ERROR, "x")));
        assertFalse(CircuitBreaker.countsAgainstCluster(new QueryException(ErrorCode.SYNTAX_ERROR, "x")));
        assertFalse(CircuitBreaker.countsAgainstCluster(new QueryException(ErrorCode.TABLE_NOT_FOUND, "x")));
    }
}

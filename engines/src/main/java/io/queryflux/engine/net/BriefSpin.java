package io.queryflux.engine.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polls a socket's input for a short while before a read blocks. A virtual thread that blocks
 * on a socket parks and is woken through the JDK's poller and a carrier thread: about 80 us per
 * wait on a 2-core VM, more than a PostgreSQL point query takes. When the answer is due within
 * microseconds (an idle machine, a short query), polling {@code available()} gets it sooner.
 *
 * <p>Spinning only pays while cores are idle, so it is adaptive twice over. Frontends count the
 * requests they are serving ({@link #serving()}); while more than half the cores' worth are in
 * progress proxy-wide, nobody spins and the CPU is left to the work. And, as HotSpot does for
 * locks, each instance keeps a score of how often its recent spins saw input in time; when they
 * mostly time out (a client that pauses between statements) it stops spinning, except for an
 * occasional probe that lets it start again once waits are short.
 */
public final class BriefSpin {
    private static final int MAX_SPINNERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final AtomicInteger SPINNERS = new AtomicInteger();
    private static final AtomicInteger SERVING = new AtomicInteger();
    /** One shared handle: a bound method reference made per request would allocate per request. */
    private static final Serving END_SERVING = SERVING::decrementAndGet;
    private static final int MAX_SCORE = 16;
    private static final int PROBE_EVERY = 64;

    private final long maxNanos;
    private final AtomicInteger score = new AtomicInteger(MAX_SCORE);
    private final AtomicLong waits = new AtomicLong();

    /** @param maxNanos the longest spin before the read blocks */
    public BriefSpin(long maxNanos) {
        this.maxNanos = maxNanos;
    }

    /**
     * Marks one client request in progress until the returned handle is closed; frontends wrap
     * each request in it, and the count tells spinners whether the machine is busy.
     */
    public static Serving serving() {
        SERVING.incrementAndGet();
        return END_SERVING;
    }

    /** A request in progress; closing it ends it. */
    @FunctionalInterface
    public interface Serving extends AutoCloseable {
        @Override
        void close();
    }

    /** Returns once {@code in} has input or the spin gave up; the caller then reads (and may block). */
    public void awaitInput(InputStream in) throws IOException {
        // Checked first: under load it is the usual way out, and available() is a system call.
        if (maxNanos <= 0 || SERVING.get() > MAX_SPINNERS || in.available() > 0) {
            return;
        }
        boolean probe = waits.incrementAndGet() % PROBE_EVERY == 0;
        if (score.get() <= 0 && !probe) {
            return;
        }
        if (SPINNERS.incrementAndGet() > MAX_SPINNERS) {
            SPINNERS.decrementAndGet();
            return;
        }
        try {
            long deadline = System.nanoTime() + maxNanos;
            while (in.available() == 0) {
                if (System.nanoTime() - deadline >= 0) {
                    score.updateAndGet(s -> Math.max(0, s - 4));
                    return;
                }
                Thread.onSpinWait();
            }
            score.updateAndGet(s -> Math.min(MAX_SCORE, s + 1));
        } finally {
            SPINNERS.decrementAndGet();
        }
    }
}

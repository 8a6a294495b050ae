package io.queryflux.protocol.pg.session;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Notices a client hanging up while its connection thread waits on the engine (a long query
 * that has not produced a row yet, so nothing is written that could fail). A statement that
 * is still running after a grace period gets a watcher thread that peeks at the client's
 * socket; end of stream cancels the query. Short statements cost only an entry in a set: one
 * shared sweeper starts watchers, so no thread is started or woken per statement. Only one
 * thread reads at a time: the connection thread does not read until {@link #close()} has
 * joined the watcher.
 */
final class DisconnectWatch implements AutoCloseable {
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int POLL_MILLIS = 100;
    private static final int PENDING = 0;
    private static final int WATCHING = 1;
    private static final int CLOSED = 2;
    private static final Set<DisconnectWatch> PENDING_WATCHES = ConcurrentHashMap.newKeySet();

    static {
        Thread.ofPlatform().name("pg-disconnect-sweeper").daemon().start(DisconnectWatch::sweep);
    }

    private final Socket socket;
    private final BufferedInputStream in;
    private final Runnable onHangUp;
    private final long startedNanos = System.nanoTime();
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Thread thread;

    private DisconnectWatch(Socket socket, BufferedInputStream in, Runnable onHangUp) {
        this.socket = socket;
        this.in = in;
        this.onHangUp = onHangUp;
    }

    static DisconnectWatch start(Socket socket, BufferedInputStream in, Runnable onHangUp) {
        DisconnectWatch watch = new DisconnectWatch(socket, in, onHangUp);
        PENDING_WATCHES.add(watch);
        return watch;
    }

    private static void sweep() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (DisconnectWatch watch : PENDING_WATCHES) {
                if (now - watch.startedNanos >= GRACE_NANOS) {
                    PENDING_WATCHES.remove(watch);
                    watch.startWatcher();
                }
            }
        }
    }

    private void startWatcher() {
        Thread watcher = Thread.ofVirtual().name("pg-disconnect-watch").unstarted(this::watch);
        thread = watcher; // published before the state says so; close() joins it
        if (state.compareAndSet(PENDING, WATCHING)) {
            watcher.start();
        }
    }

    private void watch() {
        try {
            if (stop.getCount() == 0 || in.available() > 0) {
                return; // finished meanwhile, or the client already sent more: it is there
            }
            socket.setSoTimeout(POLL_MILLIS);
            while (stop.getCount() > 0) {
                in.mark(1);
                try {
                    if (in.read() < 0) {
                        onHangUp.run();
                        return;
                    }
                    in.reset(); // a pipelined message: leave it for the connection thread
                    return;
                } catch (SocketTimeoutException e) {
                    // nothing yet; look again unless the statement is done
                }
            }
        } catch (IOException e) {
            onHangUp.run();
        }
    }

    /** Ends the watch; the connection thread may read again once it returns. Closing twice does nothing. */
    @Override
    public void close() {
        stop.countDown();
        if (state.compareAndSet(PENDING, CLOSED)) {
            PENDING_WATCHES.remove(this);
            return;
        }
        if (!state.compareAndSet(WATCHING, CLOSED)) {
            return; // closed before
        }
        try {
            // A watcher not started yet sees the stop signal first thing and returns.
            thread.join();
            socket.setSoTimeout(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the socket is gone; the next read reports it
        }
    }
}

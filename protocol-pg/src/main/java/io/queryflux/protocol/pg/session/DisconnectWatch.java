package io.queryflux.protocol.pg.session;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Notices a client hanging up while its connection thread waits on the engine (a long query
 * that has not produced a row yet, so nothing is written that could fail). After a grace
 * period it peeks at the client's socket; end of stream cancels the query. Only one thread
 * reads at a time: the connection thread does not read until {@link #close()} has joined.
 */
final class DisconnectWatch implements AutoCloseable {
    private static final long GRACE_MILLIS = 500;
    private static final int POLL_MILLIS = 100;

    private final Socket socket;
    private final BufferedInputStream in;
    private final Runnable onHangUp;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private DisconnectWatch(Socket socket, BufferedInputStream in, Runnable onHangUp) {
        this.socket = socket;
        this.in = in;
        this.onHangUp = onHangUp;
        this.thread = Thread.ofVirtual().name("pg-disconnect-watch").unstarted(this::watch);
    }

    static DisconnectWatch start(Socket socket, BufferedInputStream in, Runnable onHangUp) {
        DisconnectWatch watch = new DisconnectWatch(socket, in, onHangUp);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        try {
            if (stop.await(GRACE_MILLIS, TimeUnit.MILLISECONDS) || in.available() > 0) {
                return; // finished quickly, or the client already sent more: it is there
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join();
            socket.setSoTimeout(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the socket is gone; the next read reports it
        }
    }
}

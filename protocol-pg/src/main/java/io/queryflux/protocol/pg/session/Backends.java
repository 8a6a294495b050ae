package io.queryflux.protocol.pg.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The open connections by process id, so a CancelRequest on another connection can find its target. */
public final class Backends {
    private final Map<Integer, PgConnection> byProcessId = new ConcurrentHashMap<>();
    private final AtomicInteger nextProcessId = new AtomicInteger(1000 + new SecureRandom().nextInt(1 << 20));
    private final SecureRandom random = new SecureRandom();

    int register(PgConnection connection) {
        int id = nextProcessId.incrementAndGet() & 0x7fffffff;
        byProcessId.put(id, connection);
        return id;
    }

    int newSecret() {
        return random.nextInt();
    }

    void unregister(int processId, PgConnection connection) {
        byProcessId.remove(processId, connection);
    }

    /** Cancels the target's running query if the secret matches; silent otherwise, as PostgreSQL is. */
    void cancel(int processId, int secret) {
        PgConnection target = byProcessId.get(processId);
        if (target != null && MessageDigest.isEqual(intBytes(secret), intBytes(target.secret()))) {
            target.cancelRunning();
        }
    }

    public int size() {
        return byProcessId.size();
    }

    /** Cancels every running query and closes every connection (server shutdown). */
    public void closeAll() {
        byProcessId.values().forEach(PgConnection::shutdown);
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}

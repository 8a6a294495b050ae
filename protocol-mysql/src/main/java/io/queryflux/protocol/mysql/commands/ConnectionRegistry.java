package io.queryflux.protocol.mysql.commands;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open connections by proxy-side id, for {@code KILL} from another connection and shutdown. */
public final class ConnectionRegistry {
    /** What another connection may do to a connection. */
    public interface Handle {
        String user();

        /** Cancels the statement the connection is running, if any. */
        void cancelQuery();

        /** Cancels its statement and closes the connection. */
        void terminate();
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Handle> connections = new ConcurrentHashMap<>();

    /** A new connection id; ids are 32-bit in the handshake, so they wrap around after 2^32. */
    public long nextId() {
        return (ids.incrementAndGet() - 1) % 0xffffffffL + 1;
    }

    public void register(long id, Handle handle) {
        connections.put(id, handle);
    }

    public void unregister(long id) {
        connections.remove(id);
    }

    public Optional<Handle> find(long id) {
        return Optional.ofNullable(connections.get(id));
    }

    public List<Handle> all() {
        Collection<Handle> values = connections.values();
        return List.copyOf(values);
    }

    public int size() {
        return connections.size();
    }
}

package io.queryflux.protocol.mysql;

import io.queryflux.protocol.mysql.codec.MalformedPacketException;
import io.queryflux.protocol.mysql.codec.Packet;
import io.queryflux.protocol.mysql.codec.PacketInput;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads command packets on their own virtual thread, so that a client that disconnects while
 * its query runs is noticed at once (MySQL clients send nothing while they wait) and the query
 * is cancelled. At most one packet is read ahead, which pipelining clients (MariaDB
 * Connector/J) rely on and which bounds what is buffered.
 */
final class InboundPackets {
    /** A packet, or the end of the input: a clean close, an I/O error, or a protocol error. */
    record Inbound(Packet packet, MalformedPacketException malformed) {
        boolean isEnd() {
            return packet == null;
        }
    }

    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(1);
    private final Thread reader;

    InboundPackets(PacketInput input, Runnable onEnd, String name) {
        this.reader = Thread.ofVirtual().name(name).unstarted(() -> readLoop(input, onEnd));
    }

    void start() {
        reader.start();
    }

    private void readLoop(PacketInput input, Runnable onEnd) {
        Inbound end = new Inbound(null, null);
        try {
            Packet packet;
            while ((packet = input.read()) != null) {
                queue.put(new Inbound(packet, null));
            }
        } catch (MalformedPacketException e) {
            end = new Inbound(null, e);
        } catch (IOException e) {
            // the client went away; same as a close
        } catch (InterruptedException e) {
            return; // the connection is shutting down
        }
        onEnd.run();
        try {
            queue.put(end);
        } catch (InterruptedException e) {
            // shutting down
        }
    }

    Inbound take() throws InterruptedException {
        return queue.take();
    }

    void stop() {
        reader.interrupt();
    }
}

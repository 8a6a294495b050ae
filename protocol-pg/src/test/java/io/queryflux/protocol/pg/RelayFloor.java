package io.queryflux.protocol.pg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Benchmark-only (bench/pgbench.sh): the floor of the proxy's I/O model. A TCP relay that does
 * no protocol work at all, on the same blocking sockets and virtual threads as the proxy (one
 * virtual thread per direction, one backend connection per client). No proxy built this way
 * can beat it, so its TPS bounds what per-query trimming can reach. Arguments: listen port,
 * target host:port.
 */
public final class RelayFloor {
    private RelayFloor() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RelayFloor <listenPort> <host:port>");
            System.exit(2);
        }
        String host = args[1].substring(0, args[1].lastIndexOf(':'));
        int port = Integer.parseInt(args[1].substring(args[1].lastIndexOf(':') + 1));
        try (ServerSocket listener = new ServerSocket(Integer.parseInt(args[0]), 512,
                InetAddress.getLoopbackAddress())) {
            System.out.println("relay listening on 127.0.0.1:" + listener.getLocalPort());
            while (true) {
                Socket client = listener.accept();
                Socket backend = new Socket(host, port);
                client.setTcpNoDelay(true);
                backend.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> pump(client, backend));
                Thread.ofVirtual().start(() -> pump(backend, client));
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException ignored) {
            // either side hung up: closing both ends the other direction too
        }
    }
}

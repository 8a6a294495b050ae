package io.queryflux.protocol.flight;

import static java.util.Objects.requireNonNull;

import io.queryflux.auth.AuthProvider;
import io.queryflux.dispatch.QueryDispatcher;
import io.queryflux.protocol.flight.auth.ProxyAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The Arrow Flight SQL frontend: Arrow's own {@link FlightServer} on its own port (plain or TLS),
 * answering Flight SQL through the {@link QueryDispatcher}. Calls run on virtual threads.
 */
public final class FlightSqlFrontend implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FlightSqlFrontend.class.getName());

    private final FlightServer server;
    private final QueryFluxSqlProducer producer;
    private final BufferAllocator allocator;
    private final ExecutorService callExecutor;
    private final ScheduledExecutorService scheduler;

    private FlightSqlFrontend(FlightServer server, QueryFluxSqlProducer producer, BufferAllocator allocator,
            ExecutorService callExecutor, ScheduledExecutorService scheduler) {
        this.server = server;
        this.producer = producer;
        this.allocator = allocator;
        this.callExecutor = callExecutor;
        this.scheduler = scheduler;
    }

    /** Starts listening; the returned frontend is serving when this returns. */
    public static FlightSqlFrontend start(FlightSqlFrontendConfig config, QueryDispatcher dispatcher, AuthProvider auth) {
        requireNonNull(config, "config is null");
        requireNonNull(dispatcher, "dispatcher is null");
        requireNonNull(auth, "auth is null");
        BufferAllocator allocator = new RootAllocator(config.memoryLimitBytes());
        ExecutorService callExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("flight-sql-", 0).factory());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("flight-sql-timer").factory());
        QueryFluxSqlProducer producer = new QueryFluxSqlProducer(dispatcher, allocator, config, scheduler);
        try {
            Location location = config.tls()
                    ? Location.forGrpcTls(config.bindHost(), config.port())
                    : Location.forGrpcInsecure(config.bindHost(), config.port());
            FlightServer.Builder builder = FlightServer.builder(allocator, location, producer)
                    .headerAuthenticator(new ProxyAuthenticator(auth, config.tokenLifetime()))
                    .middleware(CallHeadersMiddleware.KEY, new CallHeadersMiddleware.Factory())
                    .executor(callExecutor);
            if (config.tls()) {
                builder.useTls(config.tlsCertChain().orElseThrow().toFile(), config.tlsPrivateKey().orElseThrow().toFile());
            }
            FlightServer server = builder.build().start();
            return new FlightSqlFrontend(server, producer, allocator, callExecutor, scheduler);
        } catch (IOException | RuntimeException e) {
            producer.close();
            scheduler.shutdownNow();
            callExecutor.shutdownNow();
            allocator.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot start the Flight SQL frontend on " + config.bindHost() + ":"
                        + config.port() + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Arrow memory the result streams hold now, in bytes. */
    public long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    /** The most Arrow memory the result streams held at once since start, in bytes. */
    public long peakAllocatedBytes() {
        return allocator.getPeakMemoryAllocation();
    }

    /** Queries started by GetFlightInfo whose tickets are not yet read to the end. */
    public int openTickets() {
        return producer.tickets().size();
    }

    /** Stops accepting calls, cancels the queries still open, and frees the memory. */
    @Override
    public void close() {
        producer.close();
        try {
            server.shutdown();
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        callExecutor.shutdownNow();
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "Flight SQL frontend closed with Arrow memory still held: " + e.getMessage());
        }
    }
}

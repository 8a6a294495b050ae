package io.queryflux.engine.health;

import static java.util.Objects.requireNonNull;

import io.queryflux.engine.ClusterHealth;
import io.queryflux.engine.Engine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Probes every registered engine each {@code interval} and hands each result to that engine's
 * sink (in the server: {@code cluster::setHealth}). Each probe runs on its own virtual thread,
 * so a slow cluster never delays the others; a probe still running from the last round is not
 * started again; a probe that does not answer within {@code timeout} (plus a little grace, as
 * {@link Engine#checkHealth} promises to return by then) reports the cluster unhealthy.
 */
public final class HealthChecker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HealthChecker.class.getName());
    /** What an engine may overrun its own timeout by before the checker stops waiting. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private final Duration interval;
    private final Duration timeout;
    private final List<Target> targets = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("health-checker").daemon().factory());
    private final ExecutorService probes = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("health-probe-", 0).factory());

    public HealthChecker(Duration interval, Duration timeout) {
        this.interval = requireNonNull(interval, "interval is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("interval and timeout must be positive");
        }
    }

    /** Adds an engine; it is probed from the next round on. */
    public void register(String name, Engine engine, Consumer<ClusterHealth> sink) {
        targets.add(new Target(requireNonNull(name, "name is null"), requireNonNull(engine, "engine is null"),
                requireNonNull(sink, "sink is null")));
    }

    /** Starts the rounds: the first at once, then every {@code interval}. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkAll() {
        for (Target target : targets) {
            if (target.inFlight.compareAndSet(false, true)) {
                check(target);
            }
        }
    }

    private void check(Target target) {
        CompletableFuture<ClusterHealth> probe;
        try {
            probe = CompletableFuture.supplyAsync(() -> target.engine.checkHealth(timeout), probes);
        } catch (RejectedExecutionException closing) {
            target.inFlight.set(false);
            return;
        }
        // The slot frees when the probe itself ends, so a hung engine is never probed twice at once.
        probe.whenComplete((health, error) -> target.inFlight.set(false));
        probe.copy()
                .completeOnTimeout(ClusterHealth.unhealthy("health check did not answer within " + timeout),
                        timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> ClusterHealth.unhealthy("health check failed: " + e.getCause()))
                .thenAccept(target::report);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        probes.shutdownNow();
    }

    private static final class Target {
        private final String name;
        private final Engine engine;
        private final Consumer<ClusterHealth> sink;
        private final AtomicBoolean inFlight = new AtomicBoolean();
        private volatile ClusterHealth last;

        private Target(String name, Engine engine, Consumer<ClusterHealth> sink) {
            this.name = name;
            this.engine = engine;
            this.sink = sink;
        }

        private void report(ClusterHealth health) {
            ClusterHealth previous = last;
            last = health;
            if (previous == null || previous.state() != health.state()) {
                LOG.log(health.isHealthy() ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                        "cluster {0} is {1}: {2}", name, health.state(), health.reason());
            }
            try {
                sink.accept(health);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "health sink of cluster " + name + " failed", e);
            }
        }
    }
}

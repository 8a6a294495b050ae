package io.queryflux.routing.python;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One Python script (inline or from a file) ready to be called from many query threads.
 *
 * <p>Each call borrows a context from a small pool; a context is created (and the script
 * evaluated in it) once and then reused, since creating one costs about half a second. Contexts
 * are sandboxed: no file system, network, processes, threads, native code, environment or host
 * classes; arguments go in as read-only polyglot proxies and results come out as a string or None.
 * A call that runs past the time limit is interrupted from a watchdog and reported as a
 * timeout; the context stays usable. A script from a file is reloaded when the file changes
 * (checked at most once a second); if the new version does not load, the old one stays.
 */
public final class PythonScript implements AutoCloseable {
    /**
     * @param timeLimit the longest a call may run (loading a script may take up to
     *     {@value #LOAD_LIMIT_SECONDS} s: a context's first evaluation is slow)
     * @param contexts contexts kept for the script: calls beyond this many at once wait
     */
    public record Limits(Duration timeLimit, int contexts) {
        public Limits {
            requireNonNull(timeLimit, "timeLimit is null");
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new IllegalArgumentException("timeLimit must be positive");
            }
            if (contexts < 1) {
                throw new IllegalArgumentException("contexts must be at least 1");
            }
        }
    }

    static final int LOAD_LIMIT_SECONDS = 60;
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(LOAD_LIMIT_SECONDS);
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(10);
    private static final Duration RELOAD_CHECK = Duration.ofSeconds(1);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "python-script-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final Optional<Path> file;
    private final Limits limits;
    private final ScriptObserver observer;
    private final ReentrantLock reloadLock = new ReentrantLock();
    private volatile Generation generation;
    private volatile long nextReloadCheck;
    private volatile FileTime lastSeen;

    private PythonScript(String name, Optional<Path> file, String code, FileTime modified, Limits limits,
            ScriptObserver observer) throws ScriptLoadException {
        this.name = requireNonNull(name, "name is null");
        this.file = requireNonNull(file, "file is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.generation = new Generation(code);
        this.lastSeen = modified;
        this.nextReloadCheck = System.nanoTime() + RELOAD_CHECK.toNanos();
    }

    /** A script given in the config ({@code script:}); {@code name} appears in errors and metrics. */
    public static PythonScript inline(String name, String code, Limits limits, ScriptObserver observer)
            throws ScriptLoadException {
        return new PythonScript(name, Optional.empty(), code, FileTime.fromMillis(0), limits, observer);
    }

    /** A script in a file ({@code scriptFile:}), reloaded when the file changes. */
    public static PythonScript file(Path path, Limits limits, ScriptObserver observer) throws ScriptLoadException {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            return new PythonScript(path.getFileName().toString(), Optional.of(path), Files.readString(path), modified,
                    limits, observer);
        } catch (IOException e) {
            throw new ScriptLoadException("Cannot read Python script " + path + ": " + e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    /** Fails unless the script defines a function of this name. */
    public void requireFunction(String function) throws ScriptLoadException {
        Generation current = generation;
        Context context = current.borrow();
        try {
            Value member = context.getBindings("python").getMember(function);
            if (member == null || !member.canExecute()) {
                throw new ScriptLoadException("Python script " + name + " does not define " + function + "()");
            }
        } finally {
            current.giveBack(context, false);
        }
    }

    /** Calls a function of the script with guest values (strings, numbers, {@link GuestValues} proxies). */
    ScriptOutcome call(String function, Object... arguments) {
        reloadIfChanged();
        Generation current = generation;
        Context context;
        try {
            context = current.borrow();
        } catch (ScriptLoadException e) {
            observer.failed(name, ScriptFailure.ERROR);
            return new ScriptOutcome.Failed(ScriptFailure.ERROR, e.getMessage());
        }
        Guarded<Value> result = guarded(context, limits.timeLimit(),
                c -> c.getBindings("python").getMember(function).execute(arguments));
        // Read the result (and any traceback) before the context can serve another call.
        ScriptOutcome outcome = toOutcome(function, result);
        current.giveBack(context, result.contextBroken());
        if (outcome instanceof ScriptOutcome.Failed failed) {
            observer.failed(name, failed.kind());
        }
        return outcome;
    }

    private ScriptOutcome toOutcome(String function, Guarded<Value> result) {
        if (result.timedOut()) {
            return new ScriptOutcome.Failed(ScriptFailure.TIMEOUT, "Python script " + name + ": " + function
                    + "() exceeded its time limit of " + limits.timeLimit().toMillis() + " ms and was stopped");
        }
        if (result.error() != null) {
            return new ScriptOutcome.Failed(ScriptFailure.ERROR, describe(result.error()));
        }
        Value value = result.value();
        if (value.isNull()) {
            return new ScriptOutcome.None();
        }
        if (value.isString()) {
            return new ScriptOutcome.Value(value.asString());
        }
        return new ScriptOutcome.Failed(ScriptFailure.BAD_RESULT, "Python script " + name + ": " + function
                + "() returned " + value.getMetaObject() + " " + value + ", not a str or None");
    }

    /**
     * The exception and the line of the script it came from. Read from the Python traceback
     * (the polyglot stack only knows the function), so the context must not have been handed on.
     */
    private String describe(PolyglotException e) {
        return "Python script " + name + scriptLine(e).map(l -> " line " + l).orElse("") + ": " + e.getMessage();
    }

    private Optional<Integer> scriptLine(PolyglotException e) {
        try {
            Value exception = e.getGuestObject();
            Optional<Integer> line = Optional.empty();
            if (exception != null && !exception.isNull()) {
                // A SyntaxError carries its position; a raised exception its traceback.
                if (exception.hasMember("lineno") && exception.getMember("lineno").fitsInInt()
                        && name.equals(stringMember(exception, "filename"))) {
                    return Optional.of(exception.getMember("lineno").asInt());
                }
                Value traceback = exception.getMember("__traceback__");
                while (traceback != null && !traceback.isNull()) {
                    Value code = traceback.getMember("tb_frame").getMember("f_code");
                    if (name.equals(stringMember(code, "co_filename"))) {
                        line = Optional.of(traceback.getMember("tb_lineno").asInt());
                    }
                    traceback = traceback.getMember("tb_next");
                }
            }
            if (line.isEmpty() && e.getSourceLocation() != null
                    && e.getSourceLocation().getSource().getName().equals(name)) {
                line = Optional.of(e.getSourceLocation().getStartLine());
            }
            return line;
        } catch (PolyglotException | IllegalStateException | UnsupportedOperationException unreadable) {
            return Optional.empty();
        }
    }

    private static String stringMember(Value value, String member) {
        Value found = value.getMember(member);
        return found != null && found.isString() ? found.asString() : null;
    }

    private void reloadIfChanged() {
        if (file.isEmpty() || System.nanoTime() < nextReloadCheck || !reloadLock.tryLock()) {
            return;
        }
        try {
            nextReloadCheck = System.nanoTime() + RELOAD_CHECK.toNanos();
            FileTime modified = Files.getLastModifiedTime(file.get());
            if (modified.equals(lastSeen)) {
                return;
            }
            lastSeen = modified;
            Generation fresh = new Generation(Files.readString(file.get()));
            Generation old = generation;
            generation = fresh;
            old.retire();
        } catch (IOException | ScriptLoadException e) {
            // The old version keeps serving; the failure shows in the script-error metric.
            observer.failed(name, ScriptFailure.ERROR);
        } finally {
            reloadLock.unlock();
        }
    }

    @Override
    public void close() {
        generation.retire();
    }

    private Context newContext(String code) throws ScriptLoadException {
        Context context = Context.newBuilder("python")
                .engine(SharedEngine.INSTANCE)
                .allowIO(IOAccess.NONE)
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(className -> false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .build();
        Guarded<Value> loaded = guarded(context, LOAD_LIMIT,
                c -> c.eval(Source.newBuilder("python", code, name).buildLiteral()));
        if (loaded.timedOut() || loaded.error() != null) {
            String reason = loaded.timedOut()
                    ? "Python script " + name + " did not load within " + LOAD_LIMIT_SECONDS + " s"
                    : describe(loaded.error());
            context.close(true);
            throw new ScriptLoadException(reason);
        }
        return context;
    }

    /** The result of running guest code under the watchdog. */
    private record Guarded<T>(T value, PolyglotException error, boolean timedOut, boolean contextBroken) {}

    private static <T> Guarded<T> guarded(Context context, Duration limit, Function<Context, T> action) {
        Watch watch = new Watch(context);
        ScheduledFuture<?> timer = WATCHDOG.schedule(watch::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
        T value = null;
        PolyglotException error = null;
        try {
            value = action.apply(context);
        } catch (PolyglotException e) {
            error = e;
        } finally {
            if (watch.finish()) {
                timer.cancel(false);
            } else {
                // The watchdog claimed this call: wait until its interrupt is done, so it can
                // never land on the next call made with this context.
                watch.awaitInterrupt();
            }
        }
        return new Guarded<>(value, error, watch.expired(), watch.broken());
    }

    /** One call's race between finishing and being interrupted; exactly one side wins. */
    private static final class Watch {
        private final Context context;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch interruptDone = new CountDownLatch(1);
        private volatile boolean expired;
        private volatile boolean broken;

        Watch(Context context) {
            this.context = context;
        }

        /** Called by the caller when the guest code returned; true if it won the race. */
        boolean finish() {
            return claimed.compareAndSet(false, true);
        }

        void expire() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            expired = true;
            // Interrupting blocks until the guest stops; keep the watchdog thread free for others.
            Thread.ofVirtual().start(() -> {
                try {
                    context.interrupt(INTERRUPT_WAIT);
                } catch (TimeoutException | RuntimeException e) {
                    broken = true;
                } finally {
                    interruptDone.countDown();
                }
            });
        }

        void awaitInterrupt() {
            boolean interrupted = false;
            while (true) {
                try {
                    interruptDone.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        boolean expired() {
            return expired;
        }

        boolean broken() {
            return broken;
        }
    }

    /** The contexts of one version of the script. */
    private final class Generation {
        private final String code;
        private final BlockingQueue<Context> idle;
        private final AtomicInteger created = new AtomicInteger();
        private volatile boolean retired;

        Generation(String code) throws ScriptLoadException {
            this.code = code;
            this.idle = new ArrayBlockingQueue<>(limits.contexts());
            // Load one context now, so a broken script fails at start-up (or reload), not on a query.
            created.incrementAndGet();
            idle.add(newContext(code));
        }

        Context borrow() throws ScriptLoadException {
            Context context = idle.poll();
            if (context != null) {
                return context;
            }
            if (created.incrementAndGet() <= limits.contexts()) {
                try {
                    return newContext(code);
                } catch (ScriptLoadException e) {
                    created.decrementAndGet();
                    throw e;
                }
            }
            created.decrementAndGet();
            try {
                return idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScriptLoadException("Interrupted while waiting for a context of Python script " + name);
            }
        }

        void giveBack(Context context, boolean broken) {
            if (broken || retired) {
                created.decrementAndGet();
                context.close(true);
                return;
            }
            idle.add(context);
            if (retired && idle.remove(context)) {
                context.close(true);
            }
        }

        void retire() {
            retired = true;
            Context context;
            while ((context = idle.poll()) != null) {
                context.close(true);
            }
        }
    }

    /** One polyglot engine for all scripts, so compiled code and warm-up are shared. */
    private static final class SharedEngine {
        static final Engine INSTANCE = Engine.newBuilder("python")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }
}

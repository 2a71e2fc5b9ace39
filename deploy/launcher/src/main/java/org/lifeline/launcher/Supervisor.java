package org.lifeline.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Keeps one process of the local stack running: when it ends without being asked to, starts it again after a
 * growing pause ({@link RestartPolicy}), says so on the console, and gives up after too many crashes in a short
 * window. A process stopped on purpose ({@link #stop()}) stays stopped until {@link #start()}.
 */
final class Supervisor {

    /** A running process under supervision. */
    interface Child {

        /** Its operating-system process, for the PID file and for fault tests. */
        ProcessHandle process();

        boolean isAlive();

        /** How it ended, for the console, such as {@code exit 137}. */
        String exitDescription();

        /** Stops it on purpose and waits until it has ended; answers false when it had to be killed. */
        boolean stop() throws InterruptedException;

        /** How long {@link #stop()} waits before killing it. */
        Duration stopGrace();
    }

    /** Starts a new child; on a restart it is handed the one that ended (null on the first start). */
    @FunctionalInterface
    interface Starter {
        Child start(Child previous) throws Exception;
    }

    private enum State { STOPPED, RUNNING, RESTART_PENDING, GAVE_UP }

    private static final Duration CHECK_EVERY = Duration.ofMillis(500);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Starter starter;
    private final BooleanSupplier ready;
    private final Path logFile;
    private final RestartPolicy policy;
    private final Consumer<String> console;
    private final ScheduledExecutorService scheduler;
    private final PidFile pidFile;

    private State state = State.STOPPED;
    private Child child;
    private boolean restarting;
    private boolean closed;
    private boolean awaitingReady;
    private long startedAt;
    private int attempt;
    private final Deque<Long> crashes = new ArrayDeque<>();
    private ScheduledFuture<?> pendingRestart;
    private ScheduledFuture<?> watch;

    /**
     * @param ready    whether a restarted child serves again (polled until it does, then reported)
     * @param logFile  its log, whose last lines are shown when the supervisor gives up
     * @param pidFile  where each child started is recorded
     */
    Supervisor(String name, Starter starter, BooleanSupplier ready, Path logFile, RestartPolicy policy,
            Consumer<String> console, ScheduledExecutorService scheduler, PidFile pidFile) {
        this.name = name;
        this.starter = starter;
        this.ready = ready;
        this.logFile = logFile;
        this.policy = policy;
        this.console = console;
        this.scheduler = scheduler;
        this.pidFile = pidFile;
    }

    String name() {
        return name;
    }

    /** Starts the child unless it runs already (a pending restart happens now); throws what the start threw. */
    synchronized void start() throws Exception {
        if (state == State.RUNNING) {
            return;
        }
        cancelPendingRestart();
        // Started on purpose: earlier crashes (even a give-up) no longer count against it.
        crashes.clear();
        attempt = 0;
        Child previous = child;
        startedAt = System.nanoTime();
        child = starter.start(previous);
        state = State.RUNNING;
        awaitingReady = false;
        pidFile.record(name, child.process());
    }

    /**
     * From now on a child that ends by itself is started again. Until then (while the stack starts) an early
     * death is left for the start-up to report.
     */
    synchronized void restartCrashes() {
        if (closed) {
            return;
        }
        restarting = true;
        if (watch == null) {
            watch = scheduler.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the child on purpose and waits until it has ended; it is not restarted until {@link #start()}. */
    void stop() throws InterruptedException {
        Child running;
        synchronized (this) {
            cancelPendingRestart();
            running = state == State.RUNNING ? child : null;
            state = State.STOPPED;
        }
        if (running != null && !running.stop()) {
            console.accept("%s did not stop within %d s: killed it".formatted(name, running.stopGrace().toSeconds()));
        }
    }

    /** Stops watching for good (the launcher is closing): whatever ends from now on stays down. */
    synchronized void stopWatching() {
        closed = true;
        restarting = false;
        cancelPendingRestart();
        if (watch != null) {
            watch.cancel(false);
        }
    }

    /** The running child, or null while it is stopped, waits for a restart or was given up on. */
    synchronized Child running() {
        return state == State.RUNNING ? child : null;
    }

    /** Whether the child runs now (false while it is stopped, waits for a restart or was given up on). */
    synchronized boolean isRunning() {
        return state == State.RUNNING && child.isAlive();
    }

    /** Whether the supervisor gave up restarting the child. */
    synchronized boolean gaveUp() {
        return state == State.GAVE_UP;
    }

    private void check() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            // A task of scheduleWithFixedDelay that throws is never run again: the child would go unwatched.
            console.accept("Checking " + name + " failed (it is checked again): " + e);
        }
    }

    private void checkOnce() {
        Child current;
        synchronized (this) {
            if (state != State.RUNNING || !restarting) {
                return;
            }
            current = child;
            if (!current.isAlive()) {
                crashed("stopped unexpectedly (" + current.exitDescription() + ")");
                return;
            }
            if (!awaitingReady) {
                return;
            }
        }
        // Outside the lock: a readiness request may take a few seconds, and stop() must not wait for it.
        if (ready.getAsBoolean()) {
            synchronized (this) {
                if (state == State.RUNNING && child == current && awaitingReady) {
                    awaitingReady = false;
                    console.accept(name + " is ready again");
                }
            }
        }
    }

    /** Called with the lock held, when the child ended or could not be started. */
    private void crashed(String what) {
        long now = System.nanoTime();
        if (now - startedAt >= policy.stableAfter().toNanos()) {
            attempt = 0;
        }
        attempt++;
        crashes.addLast(now);
        while (now - crashes.getFirst() > policy.window().toNanos()) {
            crashes.removeFirst();
        }
        if (crashes.size() > policy.maxCrashes()) {
            state = State.GAVE_UP;
            console.accept(("%s %s: %d crashes within %s, so it is not restarted again. Find the cause in %s, "
                    + "then start Lifeline again. Its last lines:%n%s").formatted(name, what, crashes.size(),
                    duration(policy.window()), logFile, String.join("\n", ChildProcess.tail(logFile, LOG_TAIL_LINES))));
            return;
        }
        Duration delay = policy.delay(attempt);
        console.accept("%s %s; restarting in %s (attempt %d)".formatted(name, what, duration(delay), attempt));
        state = State.RESTART_PENDING;
        pendingRestart = scheduler.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart() {
        if (state != State.RESTART_PENDING || !restarting) {
            return;
        }
        pendingRestart = null;
        startedAt = System.nanoTime();
        try {
            child = starter.start(child);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            crashed("could not be restarted (" + e.getMessage() + ")");
            return;
        }
        state = State.RUNNING;
        awaitingReady = true;
        pidFile.record(name, child.process());
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
        if (state == State.RESTART_PENDING) {
            state = State.STOPPED;
        }
    }

    private static String duration(Duration duration) {
        if (duration.toSeconds() >= 60 && duration.toSecondsPart() == 0 && duration.toMillisPart() == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toMillisPart() == 0 ? duration.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }
}

package org.lifeline.launcher;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lifeline.infra.Postgres;

/**
 * The embedded PostgreSQL as a child of the launcher. zonky starts the postmaster through {@code pg_ctl}, so it is
 * not the launcher's own child: it is watched by its pid (see {@link Processes}).
 */
final class SupervisedPostgres implements Supervisor.Child {

    /** How long a restart waits for the dead postmaster's pid to disappear: PostgreSQL refuses to start before. */
    private static final Duration OLD_POSTMASTER_GONE = Duration.ofSeconds(30);

    private final Postgres server;
    private final long pid;

    private SupervisedPostgres(Postgres server) {
        this.server = server;
        this.pid = server.postmasterPid();
    }

    /**
     * Starts the server on the data and port of the layout; after a crash, first lets go of the previous one
     * (zonky's lock on the data directory) and waits until its postmaster is gone.
     */
    static SupervisedPostgres start(StackLayout layout, Postgres.Settings settings, Supervisor.Child previous)
            throws InterruptedException {
        if (previous instanceof SupervisedPostgres crashed) {
            crashed.releaseAfterCrash();
        }
        return new SupervisedPostgres(Postgres.start(layout.postgresData(), layout.postgresPort(), settings));
    }

    Postgres server() {
        return server;
    }

    @Override
    public ProcessHandle process() {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("The postmaster, pid " + pid + ", has ended"));
    }

    @Override
    public boolean isAlive() {
        return ProcessHandle.of(pid).filter(Processes::isRunning).isPresent();
    }

    @Override
    public String exitDescription() {
        return "its postmaster, pid " + pid + ", ended";
    }

    /** A fast shutdown (pg_ctl stop -m fast), which zonky waits for. */
    @Override
    public boolean stop() {
        server.close();
        return true;
    }

    @Override
    public Duration stopGrace() {
        return Duration.ofSeconds(5);
    }

    private void releaseAfterCrash() throws InterruptedException {
        try {
            // Finds no server to stop, and releases the data directory's lock, which a new start takes.
            server.close();
        } catch (RuntimeException e) {
            // nothing ran any more: the lock is released all the same
        }
        Optional<ProcessHandle> old = ProcessHandle.of(pid);
        if (old.isPresent()) {
            try {
                old.get().onExit().get(OLD_POSTMASTER_GONE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // tried; PostgreSQL's own check of postmaster.pid says what is wrong
            }
        }
    }
}

package org.lifeline.feed.infra;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.lifeline.support.eventsourcing.KernelConnections;

/**
 * Wakes feed readers when the feed log grows: it LISTENs on {@link FeedSignal#CHANNEL} and, as a safety net,
 * polls the feed counter every {@code lifeline.feed.poll}. Readers subscribe a callback and read the log from
 * their own position when called; a call says only "there may be more", so spurious calls are harmless.
 */
@ApplicationScoped
public class FeedWatch {

    private final Vertx vertx;
    private final Pool pool;
    private final KernelConnections connections;
    private final FeedConfig config;
    private final Set<Runnable> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastPosition = new AtomicLong(-1);
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile PgConnection listener;
    private volatile boolean stopped;
    private long timer = -1;

    FeedWatch(Vertx vertx, Pool pool, KernelConnections connections, FeedConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.connections = connections;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(config.poll().toMillis(), id -> tick());
        listen();
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        PgConnection conn = listener;
        listener = null;
        if (conn != null) {
            conn.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Calls {@code wake} whenever new positions may have been committed, until the returned handle is closed. */
    public AutoCloseable subscribe(Runnable wake) {
        subscribers.add(wake);
        return () -> subscribers.remove(wake);
    }

    /** How many readers are subscribed now (a reader that went away and is still counted is a leak). */
    public int readers() {
        return subscribers.size();
    }

    /** The last committed position this watch has heard of, or -1 before the first. */
    public long lastPosition() {
        return lastPosition.get();
    }

    private void tick() {
        if (listener == null) {
            listen();
        }
        if (subscribers.isEmpty()) {
            return;
        }
        pool.query("SELECT last_position FROM feed_counter").execute()
                .subscribe().with(rows -> advanced(rows.iterator().next().getLong("last_position")),
                        failure -> Log.debugf("feed watch poll failed: %s", failure));
    }

    private void listen() {
        if (stopped || !connecting.compareAndSet(false, true)) {
            return;
        }
        PgConnection.connect(vertx, connections.database())
                .call(conn -> conn.query("LISTEN " + FeedSignal.CHANNEL).execute())
                .subscribe().with(conn -> {
                    conn.notificationHandler(notification -> {
                        try {
                            advanced(Long.parseLong(notification.getPayload()));
                        } catch (NumberFormatException e) {
                            wakeAll();
                        }
                    });
                    conn.closeHandler(() -> listener = null);
                    listener = conn;
                    connecting.set(false);
                    if (stopped) {
                        conn.close().subscribe().with(ok -> { }, failure -> { });
                    }
                }, failure -> {
                    connecting.set(false);
                    Log.debugf("feed watch cannot LISTEN yet (polling meanwhile): %s", failure);
                });
    }

    private void advanced(long position) {
        long previous = lastPosition.getAndAccumulate(position, Math::max);
        if (position > previous) {
            wakeAll();
        }
    }

    private void wakeAll() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                Log.warnf(e, "a feed reader failed to wake");
            }
        }
    }
}

package org.lifeline.feed.infra;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.lifeline.support.eventsourcing.KernelConnections;

/**
 * Tells feed readers (SSE streams, webhook deliverers) that new feed-log positions were committed: a
 * {@code NOTIFY lifeline_feed, '<last position>'} sent after the commit on a connection of its own, never inside
 * the appending transaction (a NOTIFY there takes PostgreSQL's cluster-wide notify lock until commit). Pokes
 * coalesce: at most one NOTIFY is in flight and one more is owed. A lost poke costs a poll interval.
 */
@ApplicationScoped
public class FeedSignal {

    public static final String CHANNEL = "lifeline_feed";

    private static final int IDLE = 0;
    private static final int SENDING = 1;
    private static final int SENDING_AND_OWED = 2;

    private final Vertx vertx;
    private final KernelConnections connections;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile PgConnection connection;
    private volatile boolean closed;

    FeedSignal(Vertx vertx, KernelConnections connections) {
        this.vertx = vertx;
        this.connections = connections;
    }

    /** Call after a transaction that appended to the feed log has committed. Never blocks. */
    public void poke() {
        int current;
        do {
            current = state.get();
            if (current == SENDING_AND_OWED || closed) {
                return;
            }
        } while (!state.compareAndSet(current, current + 1));
        if (current == IDLE) {
            send();
        }
    }

    private void send() {
        connection()
                .flatMap(conn -> conn.query("SELECT pg_notify('" + CHANNEL + "', last_position::text) FROM feed_counter")
                        .execute())
                .subscribe().with(ok -> sent(), failure -> {
                    Log.debugf("feed signal failed (readers' polls will find the positions): %s", failure);
                    PgConnection broken = connection;
                    connection = null;
                    if (broken != null) {
                        broken.close().subscribe().with(done -> { }, ignored -> { });
                    }
                    sent();
                });
    }

    private void sent() {
        while (true) {
            if (state.compareAndSet(SENDING, IDLE)) {
                return;
            }
            if (state.compareAndSet(SENDING_AND_OWED, SENDING)) {
                send();
                return;
            }
        }
    }

    private Uni<PgConnection> connection() {
        PgConnection conn = connection;
        if (conn != null) {
            return Uni.createFrom().item(conn);
        }
        return PgConnection.connect(vertx, connections.database()).invoke(opened -> {
            connection = opened;
            opened.closeHandler(() -> connection = null);
        });
    }

    @PreDestroy
    void close() {
        closed = true;
        PgConnection conn = connection;
        connection = null;
        if (conn != null) {
            conn.close().await().atMost(Duration.ofSeconds(5));
        }
    }
}

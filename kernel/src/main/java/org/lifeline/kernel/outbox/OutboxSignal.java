package org.lifeline.kernel.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells the relays that outbox rows were committed: a {@code NOTIFY lifeline_outbox} sent after
 * the commit on a connection of its own. A NOTIFY inside the appending transaction would take
 * PostgreSQL's cluster-wide notify lock until the commit is flushed and so serialise every commit
 * (measured: half the append rate); sent afterwards it costs the writer nothing. Pokes coalesce: at
 * most one NOTIFY is in flight and one more is owed. If a poke is lost (the process died right after
 * its commit), the relay's idle poll finds the rows.
 */
public final class OutboxSignal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxSignal.class);
    private static final int IDLE = 0;
    private static final int SENDING = 1;
    private static final int SENDING_AND_OWED = 2;

    private final Vertx vertx;
    private final PgConnectOptions db;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile PgConnection connection;
    private volatile boolean closed;

    public OutboxSignal(Vertx vertx, PgConnectOptions db) {
        this.vertx = vertx;
        this.db = db;
    }

    /** Call after a transaction that appended events has committed. Never blocks. */
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
                .flatMap(conn -> conn.query("NOTIFY lifeline_outbox").execute())
                .subscribe().with(ok -> sent(), failure -> {
                    LOG.debugf("outbox signal failed (the relay's poll will find the rows): %s", failure);
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
        return PgConnection.connect(vertx, db).invoke(opened -> {
            connection = opened;
            opened.closeHandler(() -> connection = null);
        });
    }

    @Override
    public void close() {
        closed = true;
        PgConnection conn = connection;
        connection = null;
        if (conn != null) {
            conn.close().await().atMost(Duration.ofSeconds(5));
        }
    }
}

package org.lifeline.kernel.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells listeners that a transaction committed: a notifying statement (a {@code NOTIFY} or a
 * {@code pg_notify(...)} query) sent after the commit on a connection of its own. A NOTIFY inside
 * the committing transaction would take PostgreSQL's cluster-wide notify lock until the commit is
 * flushed and so serialise every commit (measured: half the append rate); sent afterwards it costs
 * the writer nothing. Pokes coalesce: at most one notification is in flight and one more is owed.
 * If a poke is lost (the process died right after its commit), the listeners' polls find the change.
 */
public class CommitSignal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommitSignal.class);
    private static final int IDLE = 0;
    private static final int SENDING = 1;
    private static final int SENDING_AND_OWED = 2;

    private final Vertx vertx;
    private final PgConnectOptions db;
    private final String statement;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile PgConnection connection;
    private volatile boolean closed;

    /** @param statement what notifies, e.g. {@code NOTIFY lifeline_outbox} */
    public CommitSignal(Vertx vertx, PgConnectOptions db, String statement) {
        this.vertx = vertx;
        this.db = db;
        this.statement = statement;
    }

    /** Call after the transaction committed. Never blocks. */
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
                .flatMap(conn -> conn.query(statement).execute())
                .subscribe().with(ok -> sent(), failure -> {
                    LOG.debugf("'%s' failed (the listeners' polls will find the change): %s", statement, failure);
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

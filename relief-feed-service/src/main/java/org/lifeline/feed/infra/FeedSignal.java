package org.lifeline.feed.infra;

import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.kernel.outbox.CommitSignal;
import org.lifeline.support.eventsourcing.KernelConnections;

/**
 * Tells feed readers (SSE streams, webhook deliverers) that new feed-log positions were committed:
 * {@code NOTIFY lifeline_feed, '<last position>'}, sent after the commit (never inside the appending
 * transaction), coalesced; see {@link CommitSignal}. A lost poke costs a poll interval.
 */
@ApplicationScoped
public class FeedSignal {

    public static final String CHANNEL = "lifeline_feed";

    private final CommitSignal signal;

    FeedSignal(Vertx vertx, KernelConnections connections) {
        this.signal = new CommitSignal(vertx, connections.database(),
                "SELECT pg_notify('" + CHANNEL + "', last_position::text) FROM feed_counter");
    }

    /** Call after a transaction that appended to the feed log has committed. Never blocks. */
    public void poke() {
        signal.poke();
    }

    @PreDestroy
    void close() {
        signal.close();
    }
}

package org.lifeline.feed.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lifeline.feed.infra.FeedSignal;
import org.lifeline.kernel.consumer.IncomingEvent;

/**
 * Appends to {@code feed_log} (see V101): one row per event that matters publicly, at the next gap-free position.
 * The position comes from the one-row counter, whose row lock serialises appliers until their commit, so
 * positions commit in order. A replayed event (after a rebuild) keeps the position it was first given, so SSE
 * clients and webhook partners holding positions are not disturbed by a rebuild.
 */
@ApplicationScoped
public class FeedLog {

    /** Kinds: SSE event names, and the prefix of public types. */
    public static final String NEED = "need";
    public static final String POST = "post";
    public static final String CAMPAIGN = "campaign";
    public static final String MATCH_POOL = "match-pool";
    public static final String PLEDGE = "pledge";
    public static final String DONATION = "donation";

    private final FeedSignal signal;

    FeedLog(FeedSignal signal) {
        this.signal = signal;
    }

    /** Logs the event as {@code <kind>.<EventName>} with its public model; answers its position. */
    public Uni<Long> append(SqlConnection tx, IncomingEvent event, String kind, UUID campaignId, Object subject,
                            String publicJson) {
        return Sql.run(tx, "SELECT position FROM feed_log WHERE event_id = $1", event.id())
                .flatMap(found -> found.rowCount() > 0
                        ? Uni.createFrom().item(found.iterator().next().getLong("position"))
                        : next(tx, event, kind, campaignId, subject, publicJson));
    }

    private Uni<Long> next(SqlConnection tx, IncomingEvent event, String kind, UUID campaignId, Object subject,
                           String publicJson) {
        return Sql.run(tx, "UPDATE feed_counter SET last_position = last_position + 1 RETURNING last_position")
                .map(rows -> rows.iterator().next().getLong("last_position"))
                .call(position -> Sql.exec(tx, "INSERT INTO feed_log (position, event_id, kind, type, campaign_id,"
                                + " subject, occurred_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)",
                        position, event.id(), kind, kind + "." + event.eventName(), campaignId, subject.toString(),
                        Sql.time(event.time()), publicJson))
                .invoke(position -> signalAfterCommit(tx));
    }

    private void signalAfterCommit(SqlConnection tx) {
        Transaction transaction = tx.transaction();
        if (transaction == null) {
            signal.poke();
        } else {
            transaction.getDelegate().completion().onSuccess(committed -> signal.poke());
        }
    }
}

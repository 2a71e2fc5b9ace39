package org.lifeline.feed.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lifeline.kernel.consumer.IncomingEvent;

/**
 * Gift trails ("follow my gift"): the events of one pledge or donation, for its donor only, kept apart from the
 * public feed. The owner comes from whichever event names the donor first (a MatchApplied may come before its
 * DonationReceived: they travel on different keys).
 */
@ApplicationScoped
public class GiftTrails {

    public static final String PLEDGE = "pledge";
    public static final String DONATION = "donation";

    Uni<Void> owner(SqlConnection tx, UUID giftId, String kind, UUID donorId) {
        if (donorId == null) {
            return Uni.createFrom().voidItem();
        }
        return Sql.exec(tx, "INSERT INTO gift_owners (gift_id, kind, donor_id) VALUES ($1, $2, $3)"
                + " ON CONFLICT DO NOTHING", giftId, kind, donorId);
    }

    /** Adds the event to the gift's trail, as {@code <kind>.<EventName>} with its data as published. */
    Uni<Void> record(SqlConnection tx, UUID giftId, IncomingEvent event, String kind, long position) {
        return Sql.exec(tx, "INSERT INTO gift_trail_events (gift_id, event_id, position, occurred_at, type, data)"
                        + " VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT DO NOTHING",
                giftId, event.id(), position, Sql.time(event.time()), kind + "." + event.eventName(), event.data());
    }
}

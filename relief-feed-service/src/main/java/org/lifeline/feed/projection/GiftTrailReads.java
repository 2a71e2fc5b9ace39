package org.lifeline.feed.projection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.lifeline.feed.infra.FeedJson;

/** Gift trails, read for their donor. */
@ApplicationScoped
public class GiftTrailReads {

    /** Whose gift it is and what kind (pledge or donation). */
    public record Owner(UUID donorId, String kind) {
    }

    private final Pool pool;

    GiftTrailReads(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Owner>> owner(UUID giftId) {
        return pool.preparedQuery("SELECT donor_id, kind FROM gift_owners WHERE gift_id = $1")
                .execute(Tuple.of(giftId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Owner(row.getUUID("donor_id"), row.getString("kind")));
                });
    }

    /** The gift's events in the order they happened: {@code [{id, type, at, data}]}. */
    public Uni<ArrayNode> events(UUID giftId) {
        return pool.preparedQuery("SELECT event_id, type, occurred_at, data::text AS data FROM gift_trail_events"
                        + " WHERE gift_id = $1 ORDER BY occurred_at, position")
                .execute(Tuple.of(giftId))
                .map(rows -> {
                    ArrayNode events = FeedJson.mapper().createArrayNode();
                    for (Row row : rows) {
                        ObjectNode event = events.addObject();
                        event.put("id", row.getUUID("event_id").toString());
                        event.put("type", row.getString("type"));
                        event.put("at", row.getOffsetDateTime("occurred_at").toInstant().toString());
                        event.set("data", FeedJson.tree(row.getString("data")));
                    }
                    return events;
                });
    }
}

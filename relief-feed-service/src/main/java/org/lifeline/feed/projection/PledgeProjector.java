package org.lifeline.feed.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lifeline.contracts.pledge.PledgeCancelled;
import org.lifeline.contracts.pledge.PledgeConfirmed;
import org.lifeline.contracts.pledge.PledgeDelivered;
import org.lifeline.contracts.pledge.PledgeDispatched;
import org.lifeline.contracts.pledge.PledgeHoldExpired;
import org.lifeline.contracts.pledge.PledgeNoShowMarked;
import org.lifeline.contracts.pledge.PledgeRejected;
import org.lifeline.contracts.pledge.PledgeReserved;
import org.lifeline.feed.domain.PledgeListing;
import org.lifeline.feed.domain.PledgeListings;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;

/**
 * Pledge events (the need's ledger, key = need id; rejections on stream type {@code pledge-attempt}): the
 * pledge without its donor for the public log, the donor's gift trail, and the campaign's donor count.
 * The need's counters move with the need's own mirror events, not here.
 */
@ApplicationScoped
public class PledgeProjector {

    private static final Map<String, Class<?>> LATER_EVENTS = Map.of(
            "PledgeConfirmed", PledgeConfirmed.class,
            "PledgeDispatched", PledgeDispatched.class,
            "PledgeDelivered", PledgeDelivered.class,
            "PledgeCancelled", PledgeCancelled.class,
            "PledgeHoldExpired", PledgeHoldExpired.class,
            "PledgeNoShowMarked", PledgeNoShowMarked.class);

    private final FeedLog log;
    private final GiftTrails trails;

    PledgeProjector(FeedLog log, GiftTrails trails) {
        this.log = log;
        this.trails = trails;
    }

    boolean handles(String eventName) {
        return eventName.equals("PledgeReserved") || eventName.equals("PledgeRejected")
                || LATER_EVENTS.containsKey(eventName);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
        return switch (event.eventName()) {
            case "PledgeReserved" -> {
                PledgeReserved reserved = FeedJson.read(event.data(), PledgeReserved.class);
                requireIds(reserved.pledgeId(), reserved.needId(), event);
                PledgeListing pledge = PledgeListings.reserved(reserved, event.time());
                yield save(tx, pledge)
                        .call(() -> reserved.campaignId() == null || reserved.donorId() == null
                                ? Uni.createFrom().voidItem()
                                : Sql.exec(tx, "INSERT INTO feed_campaign_donors (campaign_id, donor_id)"
                                        + " VALUES ($1, $2) ON CONFLICT DO NOTHING", reserved.campaignId(),
                                        reserved.donorId()))
                        .call(() -> trails.owner(tx, pledge.id(), GiftTrails.PLEDGE, reserved.donorId()))
                        .call(() -> logged(tx, event, pledge));
            }
            case "PledgeRejected" -> {
                PledgeRejected rejected = FeedJson.read(event.data(), PledgeRejected.class);
                requireIds(rejected.pledgeId(), rejected.needId(), event);
                PledgeListing pledge = PledgeListings.rejected(rejected, event.time());
                yield save(tx, pledge)
                        .call(() -> trails.owner(tx, pledge.id(), GiftTrails.PLEDGE, rejected.donorId()))
                        .call(() -> logged(tx, event, pledge));
            }
            default -> later(tx, event);
        };
    }

    private Uni<Void> later(SqlConnection tx, IncomingEvent event) {
        Class<?> type = LATER_EVENTS.get(event.eventName());
        Object change = FeedJson.read(event.data(), type);
        var ids = FeedJson.tree(event.data());
        UUID pledgeId = uuid(ids.path("pledgeId").asText(null));
        UUID needId = uuid(ids.path("needId").asText(null));
        requireIds(pledgeId, needId, event);
        return find(tx, pledgeId).flatMap(found -> {
            PledgeListing pledge = PledgeListings.evolve(found.orElse(null), pledgeId, needId, change, event.time());
            return save(tx, pledge).call(() -> logged(tx, event, pledge));
        });
    }

    private Uni<Void> logged(SqlConnection tx, IncomingEvent event, PledgeListing pledge) {
        return log.append(tx, event, FeedLog.PLEDGE, pledge.campaignId(), pledge.id(), FeedJson.write(pledge))
                .call(position -> trails.record(tx, pledge.id(), event, FeedLog.PLEDGE, position))
                .replaceWithVoid();
    }

    private static Uni<Optional<PledgeListing>> find(SqlConnection tx, UUID pledgeId) {
        return Sql.data(tx, "SELECT data::text AS data FROM feed_pledges WHERE id = $1", pledgeId)
                .map(data -> data.map(json -> FeedJson.readPublic(json, PledgeListing.class)));
    }

    private static Uni<Void> save(SqlConnection tx, PledgeListing pledge) {
        return Sql.exec(tx, "INSERT INTO feed_pledges (id, need_id, campaign_id, data) VALUES ($1, $2, $3,"
                        + " $4::text::jsonb) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data",
                pledge.id(), pledge.needId(), pledge.campaignId(), FeedJson.write(pledge));
    }

    private static void requireIds(UUID pledgeId, UUID needId, IncomingEvent event) {
        if (pledgeId == null || needId == null) {
            throw new PoisonEvent(event.eventName() + " without its pledgeId or needId");
        }
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

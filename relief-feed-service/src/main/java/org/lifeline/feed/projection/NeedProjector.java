package org.lifeline.feed.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lifeline.contracts.need.NeedCancelled;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedDeadlineChanged;
import org.lifeline.contracts.need.NeedDeliveryRecorded;
import org.lifeline.contracts.need.NeedExpired;
import org.lifeline.contracts.need.NeedFulfilled;
import org.lifeline.contracts.need.NeedMarkedStale;
import org.lifeline.contracts.need.NeedOverSubscribed;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedQuantityReserved;
import org.lifeline.contracts.need.NeedQuantityRevised;
import org.lifeline.contracts.need.NeedReconfirmed;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.contracts.need.NeedReservationReleased;
import org.lifeline.feed.domain.NeedListing;
import org.lifeline.feed.domain.NeedListings;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;

/**
 * Need events (stream type {@code need}, key = need id) into the listing, its history (for {@code asOf}), the
 * campaign's timeline and, for deliveries, the pledge's gift trail.
 */
@ApplicationScoped
public class NeedProjector {

    private static final Map<String, Class<?>> EVENTS = Map.ofEntries(
            Map.entry("NeedQuantityRevised", NeedQuantityRevised.class),
            Map.entry("NeedReprioritized", NeedReprioritized.class),
            Map.entry("NeedDeadlineChanged", NeedDeadlineChanged.class),
            Map.entry("NeedReconfirmed", NeedReconfirmed.class),
            Map.entry("NeedMarkedStale", NeedMarkedStale.class),
            Map.entry("NeedExpired", NeedExpired.class),
            Map.entry("NeedOverSubscribed", NeedOverSubscribed.class),
            Map.entry("NeedFulfilled", NeedFulfilled.class),
            Map.entry("NeedClosed", NeedClosed.class),
            Map.entry("NeedCancelled", NeedCancelled.class),
            Map.entry("NeedQuantityReserved", NeedQuantityReserved.class),
            Map.entry("NeedReservationReleased", NeedReservationReleased.class),
            Map.entry("NeedDeliveryRecorded", NeedDeliveryRecorded.class));

    private final FeedLog log;
    private final Timeline timeline;
    private final GiftTrails trails;

    NeedProjector(FeedLog log, Timeline timeline, GiftTrails trails) {
        this.log = log;
        this.timeline = timeline;
        this.trails = trails;
    }

    boolean handles(String eventName) {
        return eventName.equals("NeedPosted") || EVENTS.containsKey(eventName);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
        if (event.eventName().equals("NeedPosted")) {
            NeedPosted posted = FeedJson.read(event.data(), NeedPosted.class);
            if (posted.needId() == null || posted.campaignId() == null || posted.site() == null
                    || posted.sector() == null || posted.urgency() == null) {
                throw new PoisonEvent("NeedPosted without its id, campaign, site, sector or urgency");
            }
            NeedListing need = NeedListings.posted(posted, event.time(), event.streamVersion());
            return find(tx, need.id()).flatMap(existing -> existing.isPresent()
                    ? Uni.createFrom().voidItem() // posted once; another NeedPosted of it is a duplicate
                    : save(tx, need)
                            .flatMap(ignored -> logged(tx, event, need))
                            .call(position -> timeline.needPosted(tx, position, need))
                            .replaceWithVoid());
        }
        Object change = FeedJson.read(event.data(), EVENTS.get(event.eventName()));
        UUID needId = subject(event);
        return find(tx, needId).flatMap(found -> {
            NeedListing need = found.orElseThrow(() -> new PoisonEvent(
                    event.eventName() + " of need " + needId + ", which was never posted"));
            if (event.streamVersion() > 0 && event.streamVersion() <= need.version()) {
                return Uni.createFrom().voidItem(); // already reflected (a re-publication under another id)
            }
            NeedListings.Change result = NeedListings.evolve(need, change, event.time(), event.streamVersion());
            NeedListing next = result.listing();
            return save(tx, next)
                    .flatMap(ignored -> logged(tx, event, next))
                    .call(position -> timeline.needMilestones(tx, position, next, result.milestones(), event.time()))
                    .call(position -> change instanceof NeedDeliveryRecorded delivery
                            ? trails.record(tx, delivery.pledgeId(), event, FeedLog.NEED, position)
                            : Uni.createFrom().voidItem())
                    .replaceWithVoid();
        });
    }

    private Uni<Long> logged(SqlConnection tx, IncomingEvent event, NeedListing need) {
        String json = FeedJson.write(need);
        return log.append(tx, event, FeedLog.NEED, need.campaignId(), need.id(), json)
                .call(position -> Sql.exec(tx, "INSERT INTO feed_need_history (need_id, position, occurred_at,"
                                + " campaign_id, sector, item, urgency_rank, status, site_lat, site_lon, needed_by,"
                                + " posted_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
                                + " $13::text::jsonb) ON CONFLICT DO NOTHING",
                        need.id(), position, Sql.time(event.time()), need.campaignId(), need.sector().name(),
                        need.item(), (short) need.urgencyRank(), need.status().name(), need.site().lat(),
                        need.site().lon(), Sql.time(need.neededBy()), Sql.time(need.postedAt()), json));
    }

    private static Uni<Optional<NeedListing>> find(SqlConnection tx, UUID needId) {
        return Sql.data(tx, "SELECT data::text AS data FROM feed_needs WHERE id = $1", needId)
                .map(data -> data.map(json -> FeedJson.readPublic(json, NeedListing.class)));
    }

    private static Uni<Void> save(SqlConnection tx, NeedListing need) {
        return Sql.exec(tx, "INSERT INTO feed_needs (id, campaign_id, sector, item, urgency_rank, status, site_lat,"
                        + " site_lon, needed_by, posted_at, version, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                        + " $10, $11, $12::text::jsonb) ON CONFLICT (id) DO UPDATE SET sector = EXCLUDED.sector,"
                        + " item = EXCLUDED.item, urgency_rank = EXCLUDED.urgency_rank, status = EXCLUDED.status,"
                        + " needed_by = EXCLUDED.needed_by, version = EXCLUDED.version, data = EXCLUDED.data",
                need.id(), need.campaignId(), need.sector().name(), need.item(), (short) need.urgencyRank(),
                need.status().name(), need.site().lat(), need.site().lon(), Sql.time(need.neededBy()),
                Sql.time(need.postedAt()), need.version(), FeedJson.write(need));
    }

    static UUID subject(IncomingEvent event) {
        try {
            return UUID.fromString(event.subject());
        } catch (RuntimeException e) {
            throw new PoisonEvent(event.eventName() + " without a stream id (ce_subject): " + event.subject());
        }
    }
}

package org.lifeline.feed.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lifeline.contracts.Money;
import org.lifeline.contracts.donation.DonationReceived;
import org.lifeline.contracts.donation.DonationRefunded;
import org.lifeline.contracts.matchpool.MatchApplied;
import org.lifeline.contracts.matchpool.MatchPoolClosed;
import org.lifeline.contracts.matchpool.MatchPoolExhausted;
import org.lifeline.contracts.matchpool.MatchPoolOpened;
import org.lifeline.contracts.matchpool.MatchReversed;
import org.lifeline.feed.domain.MatchPoolListing;
import org.lifeline.feed.domain.MatchPoolListings;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;

/**
 * Money: donations (key = donation id) and match pools (key = pool id) into the campaign's totals, the pools'
 * listings, the timeline (pool exhausted) and the donors' gift trails. Totals are sums, so the order in which the
 * two streams arrive does not matter (a DonationReceived may well come before its campaign's CampaignOpened).
 */
@ApplicationScoped
public class MoneyProjector {

    private static final Set<String> DONATION_EVENTS = Set.of("DonationReceived", "DonationRefunded");
    private static final Set<String> POOL_EVENTS = Set.of("MatchPoolOpened", "MatchApplied", "MatchReversed",
            "MatchPoolExhausted", "MatchPoolClosed");

    private final FeedLog log;
    private final Timeline timeline;
    private final GiftTrails trails;

    MoneyProjector(FeedLog log, Timeline timeline, GiftTrails trails) {
        this.log = log;
        this.timeline = timeline;
        this.trails = trails;
    }

    boolean handlesDonation(String eventName) {
        return DONATION_EVENTS.contains(eventName);
    }

    boolean handlesPool(String eventName) {
        return POOL_EVENTS.contains(eventName);
    }

    Uni<Void> donation(SqlConnection tx, IncomingEvent event) {
        if (event.eventName().equals("DonationReceived")) {
            DonationReceived received = FeedJson.read(event.data(), DonationReceived.class);
            requireMoney(received.donationId(), received.campaignId(), received.amount(), event);
            return money(tx, received.campaignId(), received.amount(), "received")
                    .call(() -> received.donorId() == null ? Uni.createFrom().voidItem()
                            : Sql.exec(tx, "INSERT INTO feed_campaign_donors (campaign_id, donor_id) VALUES ($1, $2)"
                                    + " ON CONFLICT DO NOTHING", received.campaignId(), received.donorId()))
                    .call(() -> trails.owner(tx, received.donationId(), GiftTrails.DONATION, received.donorId()))
                    .call(() -> donationLogged(tx, event, received.donationId(), received.campaignId(),
                            received.amount(), "RECEIVED"));
        }
        DonationRefunded refunded = FeedJson.read(event.data(), DonationRefunded.class);
        requireMoney(refunded.donationId(), refunded.campaignId(), refunded.amount(), event);
        return money(tx, refunded.campaignId(), refunded.amount(), "refunded")
                .call(() -> donationLogged(tx, event, refunded.donationId(), refunded.campaignId(),
                        refunded.amount(), "REFUNDED"));
    }

    /** A donation in public: how much went to which campaign, never who gave it or their payment reference. */
    private Uni<Void> donationLogged(SqlConnection tx, IncomingEvent event, UUID donationId, UUID campaignId,
                                     Money amount, String status) {
        Map<String, Object> donation = new LinkedHashMap<>();
        donation.put("id", donationId);
        donation.put("campaignId", campaignId);
        donation.put("amount", amount);
        donation.put("status", status);
        donation.put("at", event.time());
        return log.append(tx, event, FeedLog.DONATION, campaignId, donationId, FeedJson.write(donation))
                .call(position -> trails.record(tx, donationId, event, FeedLog.DONATION, position))
                .replaceWithVoid();
    }

    Uni<Void> pool(SqlConnection tx, IncomingEvent event) {
        if (event.eventName().equals("MatchPoolOpened")) {
            MatchPoolOpened opened = FeedJson.read(event.data(), MatchPoolOpened.class);
            if (opened.matchPoolId() == null || opened.campaignId() == null || opened.pool() == null) {
                throw new PoisonEvent("MatchPoolOpened without its id, campaign or pool");
            }
            MatchPoolListing pool = MatchPoolListings.opened(opened, event.time(), event.streamVersion());
            return find(tx, pool.id()).flatMap(existing -> existing.isPresent() ? Uni.createFrom().voidItem()
                    : save(tx, pool).call(() -> poolLogged(tx, event, pool)).replaceWithVoid());
        }
        Object change = switch (event.eventName()) {
            case "MatchApplied" -> FeedJson.read(event.data(), MatchApplied.class);
            case "MatchReversed" -> FeedJson.read(event.data(), MatchReversed.class);
            case "MatchPoolExhausted" -> FeedJson.read(event.data(), MatchPoolExhausted.class);
            default -> FeedJson.read(event.data(), MatchPoolClosed.class);
        };
        UUID poolId = NeedProjector.subject(event);
        return find(tx, poolId).flatMap(found -> {
            MatchPoolListing pool = found.orElseThrow(() -> new PoisonEvent(
                    event.eventName() + " of match pool " + poolId + ", which was never opened"));
            if (event.streamVersion() > 0 && event.streamVersion() <= pool.version()) {
                return Uni.createFrom().voidItem();
            }
            MatchPoolListing next = MatchPoolListings.evolve(pool, change, event.time(), event.streamVersion());
            Uni<Void> totals = switch (change) {
                case MatchApplied applied -> money(tx, next.campaignId(), applied.matched(), "matched")
                        .call(() -> trails.owner(tx, applied.donationId(), GiftTrails.DONATION, applied.donorId()));
                case MatchReversed reversed -> money(tx, next.campaignId(), negate(reversed.returned()), "matched");
                default -> Uni.createFrom().voidItem();
            };
            return totals
                    .call(() -> save(tx, next))
                    .flatMap(ignored -> poolLogged(tx, event, next))
                    .call(position -> switch (change) {
                        case MatchApplied applied -> trails.record(tx, applied.donationId(), event,
                                FeedLog.MATCH_POOL, position);
                        case MatchReversed reversed -> trails.record(tx, reversed.donationId(), event,
                                FeedLog.MATCH_POOL, position);
                        case MatchPoolExhausted exhausted -> timeline.poolExhausted(tx, position, next, event.time());
                        default -> Uni.createFrom().voidItem();
                    })
                    .replaceWithVoid();
        });
    }

    private Uni<Long> poolLogged(SqlConnection tx, IncomingEvent event, MatchPoolListing pool) {
        return log.append(tx, event, FeedLog.MATCH_POOL, pool.campaignId(), pool.id(), FeedJson.write(pool));
    }

    /** Adds an amount to one of the campaign's money columns (received, refunded, matched) in its currency. */
    private static Uni<Void> money(SqlConnection tx, UUID campaignId, Money amount, String column) {
        if (amount == null || amount.currency() == null) {
            return Uni.createFrom().voidItem();
        }
        return Sql.exec(tx, "INSERT INTO feed_campaign_money (campaign_id, currency, " + column + ")"
                        + " VALUES ($1, $2, $3) ON CONFLICT (campaign_id, currency) DO UPDATE SET " + column + " = "
                        + "feed_campaign_money." + column + " + EXCLUDED." + column,
                campaignId, amount.currency(), amount.amount());
    }

    private static Money negate(Money money) {
        return money == null ? null : new Money(-money.amount(), money.currency());
    }

    private static Uni<Optional<MatchPoolListing>> find(SqlConnection tx, UUID poolId) {
        return Sql.data(tx, "SELECT data::text AS data FROM feed_match_pools WHERE id = $1", poolId)
                .map(data -> data.map(json -> FeedJson.readPublic(json, MatchPoolListing.class)));
    }

    private static Uni<Void> save(SqlConnection tx, MatchPoolListing pool) {
        return Sql.exec(tx, "INSERT INTO feed_match_pools (id, campaign_id, version, data) VALUES ($1, $2, $3,"
                        + " $4::text::jsonb) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version,"
                        + " data = EXCLUDED.data",
                pool.id(), pool.campaignId(), pool.version(), FeedJson.write(pool));
    }

    private static void requireMoney(UUID donationId, UUID campaignId, Money amount, IncomingEvent event) {
        if (donationId == null || campaignId == null || amount == null) {
            throw new PoisonEvent(event.eventName() + " without its donation, campaign or amount");
        }
    }
}

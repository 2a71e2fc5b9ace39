package org.lifeline.feed.projection;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Topics;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;
import org.lifeline.kernel.consumer.Projection;

/**
 * The feed's one projection ({@code relief-feed}) over both topics: campaigns, posts, needs, pledges, donations
 * and match pools into the public read models, the feed log and the gift trails, all in the transaction that
 * records the event as applied. Offers are private to their donor and not projected. An event type this reader
 * does not know (a newer producer's) is skipped, not dead-lettered.
 */
@ApplicationScoped
public class ReliefFeedProjection implements Projection {

    public static final String NAME = "relief-feed";

    /** The read models a rebuild empties; feed_log and feed_counter stay (see {@link FeedLog}). */
    static final List<String> READ_MODELS = List.of("feed_campaigns", "feed_needs", "feed_need_history",
            "feed_pledges", "feed_match_pools", "feed_campaign_money", "feed_campaign_donors", "feed_timeline",
            "gift_owners", "gift_trail_events");

    private final CampaignProjector campaigns;
    private final NeedProjector needs;
    private final PledgeProjector pledges;
    private final MoneyProjector money;

    ReliefFeedProjection(CampaignProjector campaigns, NeedProjector needs, PledgeProjector pledges,
                         MoneyProjector money) {
        this.campaigns = campaigns;
        this.needs = needs;
        this.pledges = pledges;
        this.money = money;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.CAMPAIGNS, Topics.DONATIONS);
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
        String aggregate;
        String name;
        try {
            aggregate = CloudEventTypes.aggregate(event.type());
            name = event.eventName();
        } catch (IllegalArgumentException e) {
            throw new PoisonEvent(e.getMessage(), e);
        }
        boolean known = switch (aggregate) {
            case "campaign" -> campaigns.handles(name);
            case "need" -> needs.handles(name);
            case "pledge", "pledge-attempt" -> pledges.handles(name);
            case "donation" -> money.handlesDonation(name);
            case "match-pool" -> money.handlesPool(name);
            default -> false;
        };
        if (!known) {
            if (!aggregate.equals("offer")) {
                Log.debugf("relief-feed skips %s (a type it does not project)", event.type());
            }
            return Uni.createFrom().voidItem();
        }
        return switch (aggregate) {
            case "campaign" -> campaigns.apply(tx, event);
            case "need" -> needs.apply(tx, event);
            case "pledge", "pledge-attempt" -> pledges.apply(tx, event);
            case "donation" -> money.donation(tx, event);
            default -> money.pool(tx, event);
        };
    }

    @Override
    public Uni<Void> reset(SqlConnection tx) {
        return tx.query("TRUNCATE " + String.join(", ", READ_MODELS)).execute().replaceWithVoid();
    }
}

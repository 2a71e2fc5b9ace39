package org.lifeline.feed.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.lifeline.contracts.campaign.CampaignClosed;
import org.lifeline.contracts.campaign.CampaignDetailsRevised;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.contracts.campaign.PostPublished;
import org.lifeline.feed.domain.CampaignListing;
import org.lifeline.feed.domain.CampaignListings;
import org.lifeline.feed.domain.PostListing;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;

/** Campaign events (stream type {@code campaign}, key = campaign id): the campaign, its posts and timeline. */
@ApplicationScoped
public class CampaignProjector {

    private static final Set<String> EVENTS = Set.of("CampaignOpened", "CampaignDetailsRevised", "CampaignClosed",
            "PostPublished");

    private final FeedLog log;
    private final Timeline timeline;

    CampaignProjector(FeedLog log, Timeline timeline) {
        this.log = log;
        this.timeline = timeline;
    }

    boolean handles(String eventName) {
        return EVENTS.contains(eventName);
    }

    Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
        return switch (event.eventName()) {
            case "CampaignOpened" -> opened(tx, event, FeedJson.read(event.data(), CampaignOpened.class));
            case "PostPublished" -> posted(tx, event, FeedJson.read(event.data(), PostPublished.class));
            case "CampaignDetailsRevised" -> {
                CampaignDetailsRevised revised = FeedJson.read(event.data(), CampaignDetailsRevised.class);
                yield changed(tx, event, revised.campaignId(),
                        c -> CampaignListings.revised(c, revised, event.time(), event.streamVersion()));
            }
            case "CampaignClosed" -> {
                CampaignClosed closed = FeedJson.read(event.data(), CampaignClosed.class);
                yield changed(tx, event, closed.campaignId(),
                        c -> CampaignListings.closed(c, closed, event.time(), event.streamVersion()));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> opened(SqlConnection tx, IncomingEvent event, CampaignOpened opened) {
        if (opened.campaignId() == null || opened.organisationId() == null) {
            throw new PoisonEvent("CampaignOpened without its id or organisation");
        }
        CampaignListing campaign = CampaignListings.opened(opened, event.time(), event.streamVersion());
        return find(tx, campaign.id()).flatMap(existing -> existing.isPresent()
                ? Uni.createFrom().voidItem()
                : save(tx, campaign).call(() -> logged(tx, event, campaign)));
    }

    private Uni<Void> changed(SqlConnection tx, IncomingEvent event, UUID campaignId,
                              UnaryOperator<CampaignListing> change) {
        UUID id = campaignId != null ? campaignId : NeedProjector.subject(event);
        return find(tx, id).flatMap(found -> {
            CampaignListing campaign = found.orElseThrow(() -> new PoisonEvent(
                    event.eventName() + " of campaign " + id + ", which was never opened"));
            if (event.streamVersion() > 0 && event.streamVersion() <= campaign.version()) {
                return Uni.createFrom().voidItem();
            }
            CampaignListing next = change.apply(campaign);
            return save(tx, next).call(() -> logged(tx, event, next));
        });
    }

    private Uni<Void> posted(SqlConnection tx, IncomingEvent event, PostPublished published) {
        if (published.postId() == null || published.campaignId() == null) {
            throw new PoisonEvent("PostPublished without its post or campaign id");
        }
        PostListing post = PostListing.of(published, event.time());
        // Posts share the campaign's stream: the campaign remembers the version, so a re-publication is skipped.
        return find(tx, post.campaignId()).flatMap(campaign -> {
            if (campaign.isPresent() && event.streamVersion() > 0
                    && event.streamVersion() <= campaign.get().version()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> bumped = campaign.isPresent()
                    ? save(tx, CampaignListings.posted(campaign.get(), event.streamVersion()))
                    : Uni.createFrom().voidItem();
            return bumped
                    .flatMap(ignored -> log.append(tx, event, FeedLog.POST, post.campaignId(), post.id(),
                            FeedJson.write(post)))
                    .call(position -> timeline.post(tx, position, post))
                    .replaceWithVoid();
        });
    }

    private Uni<Long> logged(SqlConnection tx, IncomingEvent event, CampaignListing campaign) {
        return log.append(tx, event, FeedLog.CAMPAIGN, campaign.id(), campaign.id(), FeedJson.write(campaign));
    }

    static Uni<Optional<CampaignListing>> find(SqlConnection tx, UUID campaignId) {
        return Sql.data(tx, "SELECT data::text AS data FROM feed_campaigns WHERE id = $1", campaignId)
                .map(data -> data.map(json -> FeedJson.readPublic(json, CampaignListing.class)));
    }

    private static Uni<Void> save(SqlConnection tx, CampaignListing campaign) {
        return Sql.exec(tx, "INSERT INTO feed_campaigns (id, version, data) VALUES ($1, $2, $3::text::jsonb)"
                        + " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, data = EXCLUDED.data",
                campaign.id(), campaign.version(), FeedJson.write(campaign));
    }
}

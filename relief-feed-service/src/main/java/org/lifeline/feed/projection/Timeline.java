package org.lifeline.feed.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lifeline.feed.domain.MatchPoolListing;
import org.lifeline.feed.domain.NeedListing;
import org.lifeline.feed.domain.NeedListings;
import org.lifeline.feed.domain.PostListing;
import org.lifeline.feed.infra.FeedJson;

/**
 * A campaign's timeline: posts, new needs and milestones (need fully pledged, need fulfilled, match pool
 * exhausted). Items are stored at the feed position of the event that made them, newest read first.
 */
@ApplicationScoped
public class Timeline {

    public static final String POST = "post";
    public static final String NEED = "need";
    public static final String MILESTONE = "milestone";
    public static final String MATCH_POOL_EXHAUSTED = "MATCH_POOL_EXHAUSTED";

    Uni<Void> post(SqlConnection tx, long position, PostListing post) {
        Map<String, Object> item = item(POST, post.publishedAt());
        item.put("post", post);
        return add(tx, position, 0, post.campaignId(), post.publishedAt(), item);
    }

    Uni<Void> needPosted(SqlConnection tx, long position, NeedListing need) {
        Map<String, Object> item = item(NEED, need.postedAt());
        item.put("need", need);
        return add(tx, position, 0, need.campaignId(), need.postedAt(), item);
    }

    Uni<Void> needMilestones(SqlConnection tx, long position, NeedListing need,
                             List<NeedListings.Milestone> milestones, Instant at) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < milestones.size(); i++) {
            Map<String, Object> item = item(MILESTONE, at);
            item.put("milestone", milestones.get(i).name());
            item.put("needId", need.id());
            item.put("item", need.item());
            item.put("unit", need.unit());
            item.put("requested", need.requested());
            item.put("reserved", need.reserved());
            item.put("delivered", need.delivered());
            int itemNo = i;
            chain = chain.call(() -> add(tx, position, itemNo, need.campaignId(), at, item));
        }
        return chain;
    }

    Uni<Void> poolExhausted(SqlConnection tx, long position, MatchPoolListing pool, Instant at) {
        Map<String, Object> item = item(MILESTONE, at);
        item.put("milestone", MATCH_POOL_EXHAUSTED);
        item.put("matchPoolId", pool.id());
        item.put("sponsor", pool.sponsor());
        item.put("pool", pool.pool());
        return add(tx, position, 0, pool.campaignId(), at, item);
    }

    private static Map<String, Object> item(String type, Instant at) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", type);
        item.put("at", at);
        return item;
    }

    private static Uni<Void> add(SqlConnection tx, long position, int itemNo, UUID campaignId, Instant at,
                                 Map<String, Object> item) {
        return Sql.exec(tx, "INSERT INTO feed_timeline (position, item_no, campaign_id, occurred_at, data)"
                        + " VALUES ($1, $2, $3, $4, $5::text::jsonb) ON CONFLICT DO NOTHING",
                position, (short) itemNo, campaignId, Sql.time(at), FeedJson.write(item));
    }
}

package org.lifeline.feed.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.feed.projection.CampaignFeedReads;
import org.lifeline.support.ProblemException;

/**
 * A campaign's feed: {@code {campaign, totals, timeline, nextCursor}}; the timeline is newest first, a page of
 * {@code limit} items, and {@code nextCursor} gives the next (older) page.
 */
@Path("/api/v1/feed/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignFeedResource {

    private final CampaignFeedReads reads;

    public CampaignFeedResource(CampaignFeedReads reads) {
        this.reads = reads;
    }

    @GET
    @Path("/{campaignId}")
    public Uni<ObjectNode> feed(@PathParam("campaignId") UUID campaignId, @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor) {
        QueryParams params = new QueryParams();
        int pageSize = params.limit(limit);
        CampaignFeedReads.TimelinePosition after = after(Cursors.decode(cursor, params), params);
        params.check();
        return reads.campaign(campaignId).flatMap(campaign -> {
            if (campaign.isEmpty()) {
                throw new ProblemException(404, "Not Found", "There is no campaign " + campaignId + " in the feed.");
            }
            return Uni.combine().all().unis(reads.totals(campaignId), reads.timeline(campaignId, after, pageSize))
                    .asTuple().map(both -> {
                        ObjectNode body = FeedJson.mapper().createObjectNode();
                        body.set("campaign", campaign.get());
                        body.set("totals", both.getItem1());
                        body.putArray("timeline").addAll(both.getItem2().items());
                        body.put("nextCursor", both.getItem2().more() ? cursor(both.getItem2().last()) : null);
                        return body;
                    });
        });
    }

    private static String cursor(CampaignFeedReads.TimelinePosition last) {
        ObjectNode values = Cursors.object();
        values.put("t", last.at().toString());
        values.put("p", last.position());
        values.put("n", last.itemNo());
        return Cursors.encode(values);
    }

    private static CampaignFeedReads.TimelinePosition after(ObjectNode values, QueryParams params) {
        if (values == null) {
            return null;
        }
        try {
            if (!values.path("p").canConvertToLong() || !values.path("n").canConvertToInt()) {
                return params.error("cursor", "is not a cursor this timeline gave out");
            }
            return new CampaignFeedReads.TimelinePosition(Instant.parse(values.path("t").asText()),
                    values.get("p").asLong(), values.get("n").asInt());
        } catch (RuntimeException e) {
            return params.error("cursor", "is not a cursor this timeline gave out");
        }
    }
}

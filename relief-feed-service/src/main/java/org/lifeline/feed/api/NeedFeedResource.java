package org.lifeline.feed.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.feed.projection.NeedListingReads;
import org.lifeline.support.Caller;
import org.lifeline.support.Roles;

/** Live needs listings (public) and their HXL export (partners with feed:read, coordinators, admins). */
@Path("/api/v1/feed/needs")
public class NeedFeedResource {

    static final String FEED_READ = "feed:read";
    static final String CSV = "text/csv";

    private final NeedListingReads listings;
    private final NeedExport export;
    private final Caller caller;

    public NeedFeedResource(NeedListingReads listings, NeedExport export, Caller caller) {
        this.listings = listings;
        this.export = export;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> list(@QueryParam("campaignId") String campaignId, @QueryParam("sector") String sector,
                                @QueryParam("urgency") String urgency, @QueryParam("status") String status,
                                @QueryParam("item") String item, @QueryParam("near") String near,
                                @QueryParam("radiusKm") String radiusKm, @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor, @QueryParam("asOf") String asOf) {
        NeedQuery query = NeedQuery.parse(campaignId, sector, urgency, status, item, near, radiusKm, limit, cursor,
                asOf);
        return listings.page(query).map(page -> {
            ObjectNode body = FeedJson.mapper().createObjectNode();
            body.putArray("items").addAll(page.items());
            body.put("nextCursor", page.more() ? query.cursorAfter(page.last()) : null);
            return body;
        });
    }

    @GET
    @Path("/export.csv")
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @Authenticated
    public Response export(@QueryParam("campaignId") String campaignId, @QueryParam("asOf") String asOf) {
        boolean allowed = caller.hasRole(Roles.COORDINATOR) || caller.hasRole(Roles.ADMIN)
                || (caller.isPartner() && caller.scopes().contains(FEED_READ));
        if (!allowed) {
            throw new ForbiddenException();
        }
        QueryParams params = new QueryParams();
        UUID campaign = params.uuid("campaignId", campaignId);
        Instant time = params.pastTime("asOf", asOf);
        params.check();
        String name = "lifeline-needs" + (campaign == null ? "" : "-" + campaign) + ".csv";
        return Response.ok(export.csv(campaign, time))
                .type(CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }
}

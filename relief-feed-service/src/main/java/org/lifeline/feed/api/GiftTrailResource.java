package org.lifeline.feed.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.feed.projection.GiftTrailReads;
import org.lifeline.support.Caller;
import org.lifeline.support.ProblemException;

/** "Follow my gift": the ordered events of one pledge or donation, for its donor only. */
@Path("/api/v1/me/gifts")
@Produces(MediaType.APPLICATION_JSON)
public class GiftTrailResource {

    private final GiftTrailReads trails;
    private final Caller caller;

    public GiftTrailResource(GiftTrailReads trails, Caller caller) {
        this.trails = trails;
        this.caller = caller;
    }

    @GET
    @Path("/{giftId}/trail")
    @Authenticated
    public Uni<ObjectNode> trail(@PathParam("giftId") UUID giftId) {
        if (caller.isPartner()) {
            throw new ForbiddenException(); // trails belong to donors' accounts
        }
        UUID account = caller.accountId();
        return trails.owner(giftId).flatMap(owner -> {
            if (owner.isEmpty()) {
                throw new ProblemException(404, "Not Found", "There is no gift " + giftId + ".");
            }
            if (!owner.get().donorId().equals(account)) {
                throw new ForbiddenException();
            }
            return trails.events(giftId).map(events -> {
                ObjectNode body = FeedJson.mapper().createObjectNode();
                body.put("giftId", giftId.toString());
                body.put("kind", owner.get().kind());
                body.set("events", events);
                return body;
            });
        });
    }
}

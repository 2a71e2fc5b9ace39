package org.lifeline.feed.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.lifeline.feed.projection.ReliefFeedProjection;
import org.lifeline.support.Roles;
import org.lifeline.support.eventsourcing.ProjectionRunners;

/**
 * Operations on the feed (admins only). A rebuild empties the read models and replays both topics from the
 * start; it answers once they are empty, and the replay goes on in the background. The feed log keeps its
 * positions: replayed events are not logged again, so SSE clients and webhooks see nothing twice.
 */
@Path("/api/v1/feed/admin")
@Produces(MediaType.APPLICATION_JSON)
public class FeedAdminResource {

    private final ProjectionRunners runners;

    public FeedAdminResource(ProjectionRunners runners) {
        this.runners = runners;
    }

    @POST
    @Path("/rebuild")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> rebuild() {
        return Uni.createFrom().completionStage(() -> runners.rebuild(ReliefFeedProjection.NAME))
                .map(done -> Response.accepted(Map.of("projection", ReliefFeedProjection.NAME,
                        "status", "REPLAYING")).build());
    }
}

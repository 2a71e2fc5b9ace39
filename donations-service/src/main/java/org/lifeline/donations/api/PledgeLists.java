package org.lifeline.donations.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.lifeline.donations.application.Actor;
import org.lifeline.donations.projection.NeedCapacityReadModel;
import org.lifeline.donations.projection.PledgeReadModel;
import org.lifeline.donations.projection.PledgeView;
import org.lifeline.support.Caller;
import org.lifeline.support.Page;
import org.lifeline.support.PagePosition;
import org.lifeline.support.ProblemException;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Lists of pledges, newest first with an opaque cursor: a donor's own, and a need's for the
 * coordinators of its organisation (who choose which to cancel when the need is over-subscribed).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PledgeLists {

    private final PledgeReadModel pledges;
    private final NeedCapacityReadModel needs;
    private final Pool pool;
    private final Caller caller;

    public PledgeLists(PledgeReadModel pledges, NeedCapacityReadModel needs, Pool pool, Caller caller) {
        this.pledges = pledges;
        this.needs = needs;
        this.pool = pool;
        this.caller = caller;
    }

    /** The caller's own pledges. */
    @GET
    @Path("/me/pledges")
    public Uni<Page<PledgeView>> mine(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                      @QueryParam("cursor") String cursor) {
        UUID donorId = Actor.of(caller).accountId();
        return page(cursor, limit, (after, n) -> pledges.byDonor(donorId, after, n));
    }

    /** A need's pledges, for a coordinator of its organisation. */
    @GET
    @Path("/needs/{needId}/pledges")
    public Uni<Page<PledgeView>> ofNeed(@PathParam("needId") UUID needId,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                        @QueryParam("cursor") String cursor) {
        Actor actor = Actor.of(caller);
        return needs.find(pool, needId).flatMap(found -> {
            var need = found.orElseThrow(() -> new ProblemException(404, "Not Found",
                    "There is no need " + needId + "."));
            if (!actor.mayActFor(need.capacity().organisationId())) {
                throw new ForbiddenException();
            }
            return page(cursor, limit, (after, n) -> pledges.byNeed(needId, after, n));
        });
    }

    private static Uni<Page<PledgeView>> page(String cursor, int limit,
                                              BiFunction<PagePosition, Integer, Uni<List<PledgeView>>> query) {
        return query.apply(PagePosition.after(cursor), limit + 1).map(found -> Page.of(found, limit,
                pledge -> new PagePosition(pledge.createdAt(), pledge.id())));
    }
}

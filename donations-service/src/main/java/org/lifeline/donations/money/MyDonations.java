package org.lifeline.donations.money;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.lifeline.donations.application.Actor;
import org.lifeline.support.Caller;
import org.lifeline.support.Page;
import org.lifeline.support.PagePosition;

import java.util.UUID;

/** {@code GET /api/v1/me/donations}: the caller's own donations, newest first, as {@code GET /api/v1/donations/{id}}. */
@Path("/api/v1/me/donations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MyDonations {

    private final DonationReadModel donations;
    private final Pool pool;
    private final Caller caller;

    public MyDonations(DonationReadModel donations, Pool pool, Caller caller) {
        this.donations = donations;
        this.pool = pool;
        this.caller = caller;
    }

    @GET
    public Uni<Page<DonationView>> mine(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                        @QueryParam("cursor") String cursor) {
        UUID donorId = Actor.of(caller).accountId();
        PagePosition after = PagePosition.after(cursor);
        return donations.byDonor(pool, donorId, after, limit + 1)
                .map(found -> Page.of(found, limit, view -> new PagePosition(view.receivedAt(), view.id())));
    }
}

package org.lifeline.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;

/** {@code GET /internal/ping}: proves end to end that a service verifies tokens and reads their claims. */
@Path("/internal/ping")
public class PingResource {

    private final LifelineConfig config;
    private final Caller caller;

    PingResource(LifelineConfig config, Caller caller) {
        this.config = config;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DONOR, Roles.COORDINATOR, Roles.ADMIN})
    public Ping ping() {
        return new Ping(config.serviceName(), caller.accountId(), caller.roles(), caller.organisations());
    }

    /** Which service answered, and whom it took the caller for. */
    public record Ping(String service, UUID subject, Set<String> roles, Set<UUID> organisations) { }
}

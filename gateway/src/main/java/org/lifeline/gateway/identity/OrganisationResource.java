package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.Roles;

/** Organisations and their coordinators; admins only. */
@Path("/api/v1/organisations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class OrganisationResource {

    public record CreateOrganisation(@NotBlank @Size(max = 200) String name) { }

    public record GrantCoordinator(@NotNull @Size(max = 254) @Email(regexp = AuthResource.EMAIL_PATTERN) String email) { }

    private final Organisations organisations;
    private final Accounts accounts;

    private final Idempotency idempotency;

    OrganisationResource(Organisations organisations, Accounts accounts, Idempotency idempotency) {
        this.organisations = organisations;
        this.accounts = accounts;
        this.idempotency = idempotency;
    }

    /** Creates an organisation; an {@code Idempotency-Key} replays the first 201 and creates nothing more. */
    @POST
    public Uni<Response> create(@Valid @NotNull CreateOrganisation request,
            @Context HttpServerRequest http) {
        return idempotency.request(http.getHeader(Idempotency.HEADER), "POST", "/api/v1/organisations", request)
                .flatMap(idempotent -> idempotency.execute(idempotent, tx -> organisations
                        .create(tx, request.name().strip())
                        .map(organisation -> Idempotency.Fresh.of(
                                new StoredResponse(201, idempotency.json(organisation))))))
                .map(outcome -> outcome.toResponse(null));
    }

    /**
     * The account becomes a coordinator of the organisation; it must fetch a new token to act as one. An
     * {@code Idempotency-Key} replays the first 200.
     */
    @POST
    @Path("/{orgId}/coordinators")
    public Uni<Response> grantCoordinator(@PathParam("orgId") UUID organisationId,
            @Valid @NotNull GrantCoordinator request, @Context HttpServerRequest http) {
        String path = "/api/v1/organisations/" + organisationId + "/coordinators";
        return idempotency.request(http.getHeader(Idempotency.HEADER), "POST", path, request)
                .flatMap(idempotent -> idempotency.execute(idempotent, tx -> accounts
                        .grantCoordinator(tx, organisationId, request.email().strip())
                        .map(account -> Idempotency.Fresh.of(
                                new StoredResponse(200, idempotency.json(AccountResponse.of(account)))))))
                .map(outcome -> outcome.toResponse(null));
    }
}

package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
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

    OrganisationResource(Organisations organisations, Accounts accounts) {
        this.organisations = organisations;
        this.accounts = accounts;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull CreateOrganisation request) {
        return organisations.create(request.name().strip())
                .map(organisation -> Response.status(Response.Status.CREATED).entity(organisation).build());
    }

    /** The account becomes a coordinator of the organisation; it must fetch a new token to act as one. */
    @POST
    @Path("/{orgId}/coordinators")
    public Uni<AccountResponse> grantCoordinator(@PathParam("orgId") UUID organisationId,
            @Valid @NotNull GrantCoordinator request) {
        return accounts.grantCoordinator(organisationId, request.email().strip()).map(AccountResponse::of);
    }
}

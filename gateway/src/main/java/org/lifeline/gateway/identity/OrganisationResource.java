package org.lifeline.gateway.identity;

import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.lifeline.gateway.identity.Organisations.CoordinatorView;
import org.lifeline.gateway.identity.Organisations.OrganisationView;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.Caller;
import org.lifeline.support.Page;
import org.lifeline.support.PagePosition;
import org.lifeline.support.ProblemException;
import org.lifeline.support.Roles;

/**
 * Organisations and their coordinators: admins manage them; a coordinator reads the organisations it coordinates
 * (from its grants, whatever its token says).
 */
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
    private final Caller caller;

    OrganisationResource(Organisations organisations, Accounts accounts, Idempotency idempotency, Caller caller) {
        this.organisations = organisations;
        this.accounts = accounts;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    /** Newest first: every organisation for an admin, those it coordinates for a coordinator. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public Uni<Page<OrganisationView>> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("cursor") String cursor) {
        PagePosition after = PagePosition.after(cursor);
        UUID coordinator = caller.hasRole(Roles.ADMIN) ? null : caller.accountId();
        return organisations.list(coordinator, after, limit + 1).map(found -> Page.of(found, limit,
                organisation -> new PagePosition(organisation.createdAt(), organisation.id())));
    }

    /** An admin reads any organisation (404 when unknown); a coordinator only its own (403 for any other). */
    @GET
    @Path("/{orgId}")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public Uni<OrganisationView> get(@PathParam("orgId") UUID organisationId) {
        Uni<Boolean> allowed = caller.hasRole(Roles.ADMIN) ? Uni.createFrom().item(true)
                : organisations.coordinates(caller.accountId(), organisationId);
        return allowed.flatMap(mayRead -> {
            if (!mayRead) {
                throw new ForbiddenException();
            }
            return organisations.find(organisationId);
        }).map(found -> found.orElseThrow(() -> unknown(organisationId)));
    }

    /** The organisation's coordinators, the latest granted first, with their emails: admins only. */
    @GET
    @Path("/{orgId}/coordinators")
    public Uni<Page<CoordinatorView>> coordinators(@PathParam("orgId") UUID organisationId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("cursor") String cursor) {
        PagePosition after = PagePosition.after(cursor);
        return organisations.find(organisationId)
                .flatMap(found -> found.isEmpty() ? Uni.createFrom().failure(unknown(organisationId))
                        : organisations.coordinators(organisationId, after, limit + 1))
                .map(found -> Page.of(found, limit,
                        coordinator -> new PagePosition(coordinator.grantedAt(), coordinator.accountId())));
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

    private static ProblemException unknown(UUID organisationId) {
        return new ProblemException(404, "Unknown organisation", "No organisation has id " + organisationId + ".");
    }
}

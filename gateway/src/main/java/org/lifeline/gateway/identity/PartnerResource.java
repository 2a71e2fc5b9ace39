package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.lifeline.support.ProblemException;
import org.lifeline.support.Roles;

/** Partners and their API keys; admins only. */
@Path("/api/v1/partners")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PartnerResource {

    public record CreatePartner(
            @NotBlank @Size(max = 200) String name,
            UUID organisationId,
            @NotEmpty List<@NotNull @Pattern(regexp = "feed:read|webhooks:manage",
                    message = "must be feed:read or webhooks:manage") String> scopes) { }

    /** The only response that ever carries the key. */
    public record CreatedPartner(UUID id, String name, UUID organisationId, List<String> scopes, String apiKey) {

        @Override
        public String toString() {
            return "CreatedPartner[id=" + id + ", name=" + name + "]";
        }
    }

    private final PartnerKeys partners;

    PartnerResource(PartnerKeys partners) {
        this.partners = partners;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull CreatePartner request) {
        return partners.create(request.name().strip(), request.organisationId(), new HashSet<>(request.scopes()))
                .map(issued -> Response.status(Response.Status.CREATED).entity(new CreatedPartner(
                        issued.partner().id(), issued.partner().name(), issued.partner().organisationId(),
                        issued.partner().scopes().stream().sorted().toList(), issued.apiKey())).build());
    }

    /** Revokes the partner's key: the next request with it fails. */
    @DELETE
    @Path("/{id}/key")
    public Uni<Response> revoke(@PathParam("id") UUID id) {
        return partners.revoke(id).map(revoked -> {
            if (!revoked) {
                throw new ProblemException(404, "Unknown partner", "No partner has id " + id + ".");
            }
            return Response.noContent().build();
        });
    }
}

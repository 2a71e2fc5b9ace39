package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.Page;
import org.lifeline.support.PagePosition;
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

    /** What a replay of the creation answers: the partner without its key, which is never kept. */
    public record PartnerResponse(UUID id, String name, UUID organisationId, List<String> scopes) { }

    private final PartnerKeys partners;
    private final Idempotency idempotency;

    PartnerResource(PartnerKeys partners, Idempotency idempotency) {
        this.partners = partners;
        this.idempotency = idempotency;
    }

    /**
     * Creates a partner and its API key (201). The key is shown only in this first response: only its SHA-256
     * is stored, so a replay with the same {@code Idempotency-Key} answers the partner without {@code apiKey}
     * (201, {@code Idempotent-Replayed: true}). An admin who lost the key revokes it and creates a new partner.
     */
    @POST
    public Uni<Response> create(@Valid @NotNull CreatePartner request,
            @Context HttpServerRequest http) {
        return idempotency.request(http.getHeader(Idempotency.HEADER), "POST", "/api/v1/partners", request)
                .flatMap(idempotent -> idempotency.execute(idempotent, tx -> partners
                        .create(tx, request.name().strip(), request.organisationId(), new HashSet<>(request.scopes()))
                        .map(this::created)))
                .map(outcome -> outcome.toResponse(null));
    }

    /** Answers the key once; remembers the partner without it (only the key's SHA-256 is ever stored). */
    private Idempotency.Fresh created(PartnerKeys.IssuedKey issued) {
        Partner partner = issued.partner();
        List<String> scopes = partner.scopes().stream().sorted().toList();
        String withoutKey = idempotency.json(
                new PartnerResponse(partner.id(), partner.name(), partner.organisationId(), scopes));
        String withKey = idempotency.json(
                new CreatedPartner(partner.id(), partner.name(), partner.organisationId(), scopes, issued.apiKey()));
        return new Idempotency.Fresh(new StoredResponse(201, withoutKey), withKey);
    }

    /** Every partner, newest first, revoked ones too: never a key nor its hash. */
    @GET
    public Uni<Page<PartnerKeys.PartnerView>> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("cursor") String cursor) {
        PagePosition after = PagePosition.after(cursor);
        return partners.list(after, limit + 1).map(found -> Page.of(found, limit,
                partner -> new PagePosition(partner.createdAt(), partner.id())));
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

package org.lifeline.campaigns.api;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lifeline.campaigns.projection.NeedView;
import org.lifeline.campaigns.projection.OwnedNeed;
import org.lifeline.support.Caller;
import org.lifeline.support.Roles;

import java.util.Collection;
import java.util.UUID;

/**
 * Who sees a need's exact site on a read: coordinators of the need's organisation and admins. Everyone else
 * (anonymous callers, donors, partners, other organisations' coordinators) gets the public site, with APPROXIMATE
 * sites rounded by the one rule in contracts' {@code PublicSites}.
 *
 * <p>Command responses (post, revise, reconfirm, close) show the exact site: they only ever go to a caller who may
 * act for the need's organisation (anyone else gets 403 before anything is stored), and an {@code Idempotency-Key}
 * replay only to that same account.
 */
@ApplicationScoped
public class NeedSites {

    private final CurrentIdentityAssociation identities;

    public NeedSites(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /**
     * The 200 answer to a read of the need, for this request's caller. Reads are public, so the caller's credential
     * is only checked here (authentication is lazy), without blocking the event loop; a bad one is a 401.
     */
    public Uni<Response> read(OwnedNeed need) {
        return identities.getDeferredIdentity().map(identity -> {
            boolean exact = seesExactSites(identity, need.organisationId());
            NeedView view = exact ? need.view() : need.view().withPublicSite();
            Response.ResponseBuilder response = Response.ok(view).tag(Long.toString(view.version()))
                    // One URL, two bodies: no cache may answer one caller with what another was shown.
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
            if (exact) {
                response.header(HttpHeaders.CACHE_CONTROL, "private");
            }
            return response.build();
        });
    }

    /**
     * Admins, and coordinators of the organisation. Read from the resolved identity rather than {@link Caller}, which
     * would resolve it again, blocking, on the event loop; the claims are the same ({@code groups}, {@code orgs}).
     */
    private static boolean seesExactSites(SecurityIdentity identity, UUID organisationId) {
        if (identity.hasRole(Roles.ADMIN)) {
            return true;
        }
        if (!identity.hasRole(Roles.COORDINATOR) || !(identity.getPrincipal() instanceof JsonWebToken token)
                || !(token.getClaim(Caller.ORGANISATIONS_CLAIM) instanceof Collection<?> organisations)) {
            return false;
        }
        String organisation = organisationId.toString();
        return organisations.stream()
                .anyMatch(id -> organisation.equals(id instanceof JsonString json ? json.getString() : id.toString()));
    }
}

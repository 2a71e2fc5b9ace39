package org.lifeline.support;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the account id ({@code sub}), roles ({@code groups}) and, for coordinators, the
 * organisations they coordinate for ({@code orgs}) of the request's bearer token.
 */
@RequestScoped
public class Caller {

    public static final String ORGANISATIONS_CLAIM = "orgs";
    /** Partner tokens (minted by the gateway for an API key) carry {@code sub = partner:<id>} and their scopes. */
    public static final String PARTNER_SUBJECT_PREFIX = "partner:";
    public static final String SCOPE_CLAIM = "scope";

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /**
     * The caller's account id; an anonymous caller gets 401, a partner (authenticated, but with no
     * account) 403, so that a partner never takes the refusal for a revoked key.
     */
    public UUID accountId() {
        String subject = token.getSubject();
        if (subject == null) {
            throw new UnauthorizedException();
        }
        if (isPartner()) {
            throw new ForbiddenException();
        }
        return UUID.fromString(subject);
    }

    /** Whether the caller is a partner's API client rather than a person's account. */
    public boolean isPartner() {
        String subject = token.getSubject();
        return subject != null && subject.startsWith(PARTNER_SUBJECT_PREFIX);
    }

    /** The partner's id; 401 for an anonymous caller, 403 for an account that is not a partner. */
    public UUID partnerId() {
        if (token.getSubject() == null) {
            throw new UnauthorizedException();
        }
        if (!isPartner()) {
            throw new ForbiddenException();
        }
        return UUID.fromString(token.getSubject().substring(PARTNER_SUBJECT_PREFIX.length()));
    }

    /** The partner's scopes (such as {@code feed:read}); empty for other callers. */
    public Set<String> scopes() {
        Object claim = token.getClaim(SCOPE_CLAIM);
        String scope = claim instanceof JsonString json ? json.getString() : claim == null ? "" : claim.toString();
        return scope.isBlank() ? Set.of() : Set.of(scope.trim().split("\\s+"));
    }

    public Set<String> roles() {
        Set<String> groups = token.getGroups();
        return groups == null ? Set.of() : Set.copyOf(groups);
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** The organisations the caller coordinates for; empty unless the token lists some. */
    public Set<UUID> organisations() {
        if (!(token.getClaim(ORGANISATIONS_CLAIM) instanceof Collection<?> ids)) {
            return Set.of();
        }
        return ids.stream()
                .map(id -> id instanceof JsonString json ? json.getString() : id.toString())
                .map(UUID::fromString)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isCoordinatorOf(UUID organisation) {
        return hasRole(Roles.COORDINATOR) && organisations().contains(organisation);
    }
}

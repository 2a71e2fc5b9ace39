package org.lifeline.support;

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

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's account id; an anonymous caller gets 401. */
    public UUID accountId() {
        String subject = token.getSubject();
        if (subject == null) {
            throw new UnauthorizedException();
        }
        return UUID.fromString(subject);
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

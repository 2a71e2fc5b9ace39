package org.lifeline.gateway.identity;

import java.util.Set;
import java.util.UUID;

/**
 * A partner NGO that calls the API with an {@code X-Api-Key}.
 *
 * @param organisationId the organisation it acts for, or null
 * @param scopes         such as {@code feed:read} and {@code webhooks:manage}
 */
public record Partner(UUID id, String name, UUID organisationId, Set<String> scopes) {

    public Partner {
        scopes = Set.copyOf(scopes);
    }
}

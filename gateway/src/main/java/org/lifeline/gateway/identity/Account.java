package org.lifeline.gateway.identity;

import java.util.Set;
import java.util.UUID;

/**
 * An account as tokens and responses show it: never with its password or its hash.
 *
 * @param roles         {@code donor}, {@code coordinator}, {@code admin}
 * @param organisations the organisations it coordinates for
 */
public record Account(UUID id, String email, String displayName, Set<String> roles, Set<UUID> organisations) {

    public Account {
        roles = Set.copyOf(roles);
        organisations = Set.copyOf(organisations);
    }
}

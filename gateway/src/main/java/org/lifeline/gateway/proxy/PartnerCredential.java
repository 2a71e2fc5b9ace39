package org.lifeline.gateway.proxy;

import java.util.Set;
import java.util.UUID;

/** An authenticated partner: its id, its scopes and the token forwarded on its behalf. */
public record PartnerCredential(UUID partnerId, Set<String> scopes, String bearerToken) {

    public PartnerCredential {
        scopes = Set.copyOf(scopes);
    }
}

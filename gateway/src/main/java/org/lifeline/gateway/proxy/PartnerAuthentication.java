package org.lifeline.gateway.proxy;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** Turns a partner's {@code X-Api-Key} into the bearer token the services understand. */
public interface PartnerAuthentication {

    /** The partner holding the key, or empty when the key is unknown or revoked. */
    Uni<Optional<PartnerCredential>> authenticate(String apiKey);
}

package org.lifeline.gateway.proxy;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.lifeline.gateway.identity.PartnerKeys;
import org.lifeline.gateway.identity.TokenIssuer;

/** Partner keys of the gateway's identity store: a live key becomes a short-lived partner token. */
@ApplicationScoped
public class IdentityPartnerAuthentication implements PartnerAuthentication {

    private final PartnerKeys keys;
    private final TokenIssuer issuer;

    IdentityPartnerAuthentication(PartnerKeys keys, TokenIssuer issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    @Override
    public Uni<Optional<PartnerCredential>> authenticate(String apiKey) {
        return keys.authenticate(apiKey).map(partner -> partner.map(p ->
                new PartnerCredential(p.id(), p.scopes(), issuer.partnerToken(p))));
    }
}

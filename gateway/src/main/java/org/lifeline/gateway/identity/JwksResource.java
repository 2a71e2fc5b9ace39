package org.lifeline.gateway.identity;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Map;

/** The public key that verifies the gateway's tokens, as a JWK Set for the services and partners. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({"application/json", "application/jwk-set+json"})
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}

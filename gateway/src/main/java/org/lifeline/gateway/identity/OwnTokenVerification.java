package org.lifeline.gateway.identity;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the gateway accept the tokens it issues when it signs with a key generated into its database: no
 * {@code mp.jwt.verify.publickey*} can name that key, so verification uses its public half. With a configured
 * signing key (the local launcher, the tests) the {@code mp.jwt.verify.*} and {@code smallrye.jwt.token.kid}
 * settings apply unchanged.
 */
@ApplicationScoped
class OwnTokenVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(JWTAuthContextInfoProvider configured, SigningKeys keys) {
        JWTAuthContextInfo info = configured.getContextInfo();
        if (keys.isGenerated()) {
            info.setPublicKeyLocation(null);
            info.setPublicKeyContent(null);
            info.setPublicVerificationKey(keys.publicKey());
            // Only this key verifies, so only tokens naming it are the gateway's (KeyIdCheck refuses the rest).
            info.setTokenKeyId(keys.kid());
        }
        return info;
    }
}

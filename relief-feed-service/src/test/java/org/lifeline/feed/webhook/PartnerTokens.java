package org.lifeline.feed.webhook;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.lifeline.testing.TestTokens;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Partner tokens shaped like the gateway's (sub partner:&lt;id&gt;, groups [partner], space-separated scope), test key. */
final class PartnerTokens {

    private static final PrivateKey KEY = key();

    private PartnerTokens() {
    }

    static String partner(UUID partnerId, String... scopes) {
        Instant now = Instant.now();
        return Jwt.issuer(TestTokens.ISSUER)
                .subject("partner:" + partnerId)
                .claim("name", "Test partner")
                .groups(Set.of("partner"))
                .claim("scope", String.join(" ", scopes))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600))
                .jws().keyId(TestTokens.KEY_ID)
                .sign(KEY);
    }

    static String webhookManager(UUID partnerId) {
        return partner(partnerId, "feed:read", "webhooks:manage");
    }

    private static PrivateKey key() {
        try {
            return KeyUtils.decodePrivateKey(TestTokens.privateKeyPem());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

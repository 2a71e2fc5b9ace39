package org.lifeline.feed;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.lifeline.testing.TestTokens;

/** Partner tokens as the gateway mints them for an API key ({@code sub = partner:<id>}, scopes), for tests. */
public final class Tokens {

    private Tokens() {
    }

    public static String partner(UUID partnerId, String... scopes) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(TestTokens.privateKeyPem());
            return Jwt.issuer(TestTokens.ISSUER)
                    .subject("partner:" + partnerId)
                    .groups(Set.of("partner"))
                    .claim("scope", String.join(" ", scopes))
                    .issuedAt(Instant.now())
                    .expiresAt(Instant.now().plusSeconds(3600))
                    .jws().keyId(TestTokens.KEY_ID).sign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

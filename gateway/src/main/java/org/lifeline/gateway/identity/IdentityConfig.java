package org.lifeline.gateway.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's identity settings, under {@code lifeline.gateway.*} ({@code LifelineConfig} owns the rest of
 * {@code lifeline.*}). application.properties fills them from {@code LIFELINE_ADMIN_EMAIL},
 * {@code LIFELINE_ADMIN_PASSWORD} and {@code LIFELINE_JWT_PRIVATE_KEY_LOCATION}.
 */
@ConfigMapping(prefix = "lifeline.gateway")
public interface IdentityConfig {

    /** The admin account created at start when no account has this email yet; none when empty. */
    Optional<String> adminEmail();

    /** The password of that admin account, used only when it is created. */
    Optional<String> adminPassword();

    /** How long an account's access token is valid. */
    @WithDefault("PT1H")
    Duration tokenLifetime();

    /** How long a partner's token, minted per proxied request, is valid. */
    @WithDefault("PT60S")
    Duration partnerTokenLifetime();

    /**
     * The PKCS#8 PEM private key that signs tokens (such as {@code file:/abs/keys/jwt-private.pem}); when empty,
     * a key pair generated at first start is kept in the database. {@code smallrye.jwt.sign.key} wins over both.
     */
    Optional<String> jwtPrivateKeyLocation();
}

package org.lifeline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * Mints RS256 JWTs shaped like Lifeline's, signed with the committed TEST-ONLY key pair
 * ({@code testing/test-jwt-private.pem}, {@code testing/test-jwt-public.pem}; never use it outside tests).
 * <p>
 * Claims: {@code iss}=lifeline, {@code sub}=account id, {@code upn} and {@code email}, {@code groups}=roles,
 * {@code orgs}=organisation ids (only when there are some), {@code name}, {@code iat}, {@code exp}. The header's
 * {@code kid} is {@link #KEY_ID}, as the gateway names its key, and the key id that services expect in tests.
 */
public final class TestTokens {

    public static final String ISSUER = "lifeline";
    private static final String PUBLIC_KEY_LOCATION = "testing/test-jwt-public.pem";
    private static final String PRIVATE_KEY_LOCATION = "testing/test-jwt-private.pem";
    private static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);
    private static final PrivateKey PRIVATE_KEY = privateKey();
    /** The test key's id: the RFC 7638 thumbprint of its public key, as the gateway computes it for its own. */
    public static final String KEY_ID = thumbprint();

    private TestTokens() {
    }

    /** A donor's token, valid for an hour. */
    public static String donor(UUID accountId) {
        return token(accountId, Set.of("donor"), List.of(), DEFAULT_VALIDITY);
    }

    /** A coordinator's token for the given organisations, valid for an hour. */
    public static String coordinator(UUID accountId, UUID... orgIds) {
        return token(accountId, Set.of("coordinator"), Arrays.asList(orgIds), DEFAULT_VALIDITY);
    }

    /** An admin's token, valid for an hour. */
    public static String admin(UUID accountId) {
        return token(accountId, Set.of("admin"), List.of(), DEFAULT_VALIDITY);
    }

    /** A token for the given roles that expired an hour ago. */
    public static String expired(UUID accountId, String... roles) {
        return token(accountId, Set.of(roles), List.of(), DEFAULT_VALIDITY.negated());
    }

    /** Any token: a negative validity gives a token that has already expired. */
    public static String token(UUID accountId, Set<String> roles, List<UUID> orgIds, Duration validity) {
        return claims(accountId, roles, orgIds, validity).jws().keyId(KEY_ID).sign(PRIVATE_KEY);
    }

    /** A donor's token signed with the test key but naming the key {@code keyId} in its header, or no key when null. */
    public static String donorWithKeyId(UUID accountId, String keyId) {
        var jws = claims(accountId, Set.of("donor"), List.of(), DEFAULT_VALIDITY).jws();
        return keyId == null ? jws.sign(PRIVATE_KEY) : jws.keyId(keyId).sign(PRIVATE_KEY);
    }

    private static JwtClaimsBuilder claims(UUID accountId, Set<String> roles, List<UUID> orgIds, Duration validity) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(validity);
        String email = "account-" + accountId + "@example.org";
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(accountId.toString())
                .upn(email)
                .claim("email", email)
                .claim("name", "Test " + String.join(" ", roles.stream().sorted().toList()))
                .groups(roles)
                .issuedAt(validity.isNegative() ? expiresAt.minus(DEFAULT_VALIDITY) : now)
                .expiresAt(expiresAt);
        if (!orgIds.isEmpty()) {
            claims.claim("orgs", orgIds.stream().map(UUID::toString).toList());
        }
        return claims;
    }

    /** The PEM text of the test public key, as services configure it to verify these tokens. */
    public static String publicKeyPem() {
        return resource(PUBLIC_KEY_LOCATION);
    }

    /** The PEM text of the test private key, for services that sign tokens themselves in tests. */
    public static String privateKeyPem() {
        return resource(PRIVATE_KEY_LOCATION);
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(privateKeyPem());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable test private key", e);
        }
    }

    private static String thumbprint() {
        try {
            return new RsaJsonWebKey((RSAPublicKey) KeyUtils.decodePublicKey(publicKeyPem()))
                    .calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable test public key", e);
        }
    }

    private static String resource(String location) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("Missing class path resource " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

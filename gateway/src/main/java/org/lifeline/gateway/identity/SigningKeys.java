package org.lifeline.gateway.identity;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The RSA key pair that signs the gateway's tokens, resolved once at start, first found wins:
 * {@code smallrye.jwt.sign.key} (inline PEM, as the tests configure), {@code smallrye.jwt.sign.key.location},
 * {@code lifeline.gateway.jwt-private-key-location} ({@code LIFELINE_JWT_PRIVATE_KEY_LOCATION}, as the local
 * launcher passes), else a pair generated at first start and kept in the database ({@code signing_keys}).
 * The public key is derived from the private one; its {@code kid} is its RFC 7638 thumbprint.
 */
@ApplicationScoped
public class SigningKeys {

    private static final String PURPOSE = "tokens";
    private static final int KEY_BITS = 2048;
    private static final String DATABASE = "the gateway database";

    private final Pool pool;
    private final Optional<String> signKey;
    private final Optional<String> signKeyLocation;
    private final Optional<String> configuredLocation;
    private volatile Resolved resolved;

    private record Resolved(PrivateKey privateKey, RSAPublicKey publicKey, String kid, String source) { }

    SigningKeys(Pool pool, IdentityConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signKey,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation) {
        this.pool = pool;
        this.signKey = signKey.filter(value -> !value.isBlank());
        this.signKeyLocation = signKeyLocation.filter(value -> !value.isBlank());
        this.configuredLocation = config.jwtPrivateKeyLocation().filter(value -> !value.isBlank());
    }

    /** Early, so that the key is there before anything issues a token. */
    void resolveAtStart(@Observes @Priority(10) StartupEvent event) {
        resolved();
    }

    public PrivateKey privateKey() {
        return resolved().privateKey();
    }

    public RSAPublicKey publicKey() {
        return resolved().publicKey();
    }

    public String kid() {
        return resolved().kid();
    }

    /** Whether the key was generated and kept in the database, because none is configured. */
    public boolean isGenerated() {
        return resolved().source().equals(DATABASE);
    }

    /** The public key as a JWK Set ({@code /.well-known/jwks.json}). */
    public Map<String, Object> jwks() {
        RSAPublicKey key = publicKey();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid());
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", base64Url(key.getModulus()));
        jwk.put("e", base64Url(key.getPublicExponent()));
        return Map.of("keys", List.of(jwk));
    }

    private Resolved resolved() {
        Resolved current = resolved;
        if (current == null) {
            synchronized (this) {
                current = resolved;
                if (current == null) {
                    current = resolve();
                    resolved = current;
                    Log.infof("Tokens are signed with key %s from %s", current.kid(), current.source());
                }
            }
        }
        return current;
    }

    private Resolved resolve() {
        try {
            if (signKey.isPresent()) {
                return of(KeyUtils.decodePrivateKey(signKey.get()), "smallrye.jwt.sign.key");
            }
            if (signKeyLocation.isPresent()) {
                return of(KeyUtils.decodePrivateKey(ResourceUtils.readResource(signKeyLocation.get())),
                        signKeyLocation.get());
            }
            if (configuredLocation.isPresent()) {
                return of(KeyUtils.decodePrivateKey(ResourceUtils.readResource(configuredLocation.get())),
                        configuredLocation.get());
            }
            String pem = storedOrGenerated().await().atMost(Duration.ofSeconds(30));
            return of(KeyUtils.decodePrivateKey(pem), DATABASE);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the token-signing key: " + e.getMessage(), e);
        }
    }

    /** The stored key, or a new one; replicas starting together agree on whichever was inserted first. */
    private Uni<String> storedOrGenerated() {
        return stored().chain(existing -> existing.isPresent()
                ? Uni.createFrom().item(existing.get())
                : Uni.createFrom().item(SigningKeys::generatePem)
                        .chain(pem -> pool.preparedQuery("""
                                        INSERT INTO signing_keys (purpose, kid, private_key_pem) VALUES ($1, $2, $3)
                                        ON CONFLICT (purpose) DO NOTHING""")
                                .execute(Tuple.of(PURPOSE, kidOf(pem), pem)))
                        .invoke(() -> Log.info("Generated a new token-signing key pair and stored it in the database"))
                        .chain(this::stored)
                        .map(Optional::orElseThrow));
    }

    private Uni<Optional<String>> stored() {
        return pool.preparedQuery("SELECT private_key_pem FROM signing_keys WHERE purpose = $1")
                .execute(Tuple.of(PURPOSE))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("private_key_pem")));
    }

    private static String generatePem() {
        try {
            KeyPair pair = KeyUtils.generateKeyPair(KEY_BITS);
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    private static String kidOf(String pem) {
        try {
            return of(KeyUtils.decodePrivateKey(pem), "new").kid();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Resolved of(PrivateKey privateKey, String source) throws GeneralSecurityException {
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new GeneralSecurityException("the token-signing key must be an RSA private key with CRT parameters");
        }
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new Resolved(privateKey, publicKey, thumbprint(publicKey), source);
    }

    /** RFC 7638: SHA-256 of the required members in lexicographic order, without spaces. */
    private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** The unsigned big-endian bytes of a JWK integer, base64url without padding. */
    static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package org.lifeline.launcher;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** The RSA key pair of the local stack's JWTs, as PEM files: the gateway signs with the private key, the services verify. */
public record KeyMaterial(Path privateKeyPem, Path publicKeyPem) {

    /** Returns the key pair in {@code dir}, generating an RSA 2048 pair first when it is not complete there. */
    public static KeyMaterial ensure(Path dir) throws IOException {
        KeyMaterial keys = new KeyMaterial(dir.resolve("jwt-private.pem"), dir.resolve("jwt-public.pem"));
        if (Files.isRegularFile(keys.privateKeyPem) && Files.isRegularFile(keys.publicKeyPem)) {
            return keys;
        }
        KeyPair pair = generate();
        Files.createDirectories(dir);
        // getEncoded() gives PKCS#8 for an RSA private key and X.509 SubjectPublicKeyInfo for its public key.
        OwnerOnlyFiles.write(keys.privateKeyPem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(keys.publicKeyPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return keys;
    }

    /**
     * The key id ({@code kid}) of the pair: the RFC 7638 thumbprint of the public key, as the gateway names it in
     * its tokens and the services expect it ({@code LIFELINE_JWT_KID}).
     */
    public String keyId() throws IOException {
        String body = Files.readString(publicKeyPem).replaceAll("-----[A-Z ]+-----", "");
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
            String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                    + base64Url(key.getModulus()) + "\"}";
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException("Unreadable public key " + publicKeyPem + ": " + e.getMessage(), e);
        }
    }

    /** The unsigned big-endian bytes of a JWK integer, base64url without padding. */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate RSA keys", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}

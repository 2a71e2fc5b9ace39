package org.lifeline.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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

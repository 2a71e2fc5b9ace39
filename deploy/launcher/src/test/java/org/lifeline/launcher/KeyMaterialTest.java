package org.lifeline.launcher;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {

    @TempDir
    Path dir;

    @Test
    void writesAnRsa2048PairAsPkcs8AndX509PemThatParseBackAndMatch() throws Exception {
        KeyMaterial keys = KeyMaterial.ensure(dir.resolve("keys"));

        KeyFactory rsa = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(keys.privateKeyPem(), "PRIVATE KEY")));
        var publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(keys.publicKeyPem(), "PUBLIC KEY")));
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
        assertThat(publicKey.getModulus()).isEqualTo(privateKey.getModulus());

        byte[] token = "header.payload".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(token);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(token);
        assertThat(verifier.verify(signature)).isTrue();

        assertThat(Files.getPosixFilePermissions(keys.privateKeyPem())).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
    }

    @Test
    void reusesTheKeysOnTheSecondCall() throws Exception {
        KeyMaterial first = KeyMaterial.ensure(dir);
        String privatePem = Files.readString(first.privateKeyPem());
        String publicPem = Files.readString(first.publicKeyPem());

        KeyMaterial second = KeyMaterial.ensure(dir);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(second.privateKeyPem())).isEqualTo(privatePem);
        assertThat(Files.readString(second.publicKeyPem())).isEqualTo(publicPem);
    }

    @Test
    void replacesAnIncompletePair() throws Exception {
        KeyMaterial first = KeyMaterial.ensure(dir);
        String publicPem = Files.readString(first.publicKeyPem());
        Files.delete(first.privateKeyPem());

        KeyMaterial second = KeyMaterial.ensure(dir);

        assertThat(second.privateKeyPem()).isRegularFile();
        assertThat(Files.readString(second.publicKeyPem())).isNotEqualTo(publicPem);
    }

    private static byte[] der(Path pem, String type) throws Exception {
        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN " + type + "-----\n").endsWith("-----END " + type + "-----\n");
        String body = text.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "");
        return Base64.getMimeDecoder().decode(body);
    }
}

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

    @Test
    void theKeyIdIsTheRfc7638ThumbprintOfThePublicKey() throws Exception {
        // The example key of RFC 7638, section 3.1, and the thumbprint the RFC gives for it.
        String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjB"
                + "ZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZ"
                + "gnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqb"
                + "w0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        var spec = new java.security.spec.RSAPublicKeySpec(
                new java.math.BigInteger(1, Base64.getUrlDecoder().decode(n)), java.math.BigInteger.valueOf(65537));
        byte[] x509 = KeyFactory.getInstance("RSA").generatePublic(spec).getEncoded();
        Path publicPem = dir.resolve("rfc7638-public.pem");
        Files.writeString(publicPem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(x509)
                + "\n-----END PUBLIC KEY-----\n");

        assertThat(new KeyMaterial(dir.resolve("unused.pem"), publicPem).keyId())
                .isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        KeyMaterial generated = KeyMaterial.ensure(dir.resolve("keys"));
        assertThat(generated.keyId()).hasSize(43).isEqualTo(KeyMaterial.ensure(dir.resolve("keys")).keyId());
    }

    private static byte[] der(Path pem, String type) throws Exception {
        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN " + type + "-----\n").endsWith("-----END " + type + "-----\n");
        String body = text.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "");
        return Base64.getMimeDecoder().decode(body);
    }
}

package org.lifeline.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.launcher.ServiceSpec;

/**
 * Tokens that are not the gateway's, or not any more, or not as issued: each is refused with a 401
 * problem at the gateway (its own endpoints and the routes it forwards) and at every service called
 * directly on its loopback port. A token re-signed here with the stack's own key and nothing changed
 * is accepted everywhere, so every refusal is for the one thing each forgery changes.
 */
@ExtendWith(RunningStack.class)
class ForgedTokenTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** Where a token is presented: a name and the client and path that check it. */
    private record Target(String name, Api api, String path) { }

    private record Forgery(String name, String token) { }

    @Test
    void forged_altered_and_stale_tokens_are_refused_everywhere(RunningStack stack) throws Exception {
        Api api = stack.api().from(Loopback.next());
        Api.Account donor = api.donor("Token Donor");
        String[] parts = donor.token().split("\\.");
        ObjectNode header = (ObjectNode) Api.JSON.readTree(B64D.decode(parts[0]));
        ObjectNode claims = (ObjectNode) Api.JSON.readTree(B64D.decode(parts[1]));
        PrivateKey stackKey = privateKey(stack.layout().keysDir().resolve("jwt-private.pem"));
        JsonNode jwks = Api.require(api.get("/.well-known/jwks.json", Api.Credential.NONE), 200).json();
        assertThat(header.path("kid").asText()).as("the gateway names its key").isEqualTo(jwks.at("/keys/0/kid").asText());

        List<Target> targets = List.of(
                new Target("gateway, forwarded route", api, "/api/v1/me/pledges"),
                new Target("gateway, own endpoint", api, "/api/v1/accounts/" + donor.id()),
                direct(stack, ServiceSpec.CAMPAIGNS),
                direct(stack, ServiceSpec.DONATIONS),
                direct(stack, ServiceSpec.RELIEF_FEED));

        long now = Instant.now().getEpochSecond();
        String resigned = rs256(header, claims, stackKey);
        List<String> findings = new ArrayList<>();
        for (Target target : targets) {
            Api.Answer answer = target.api().get(target.path(), Api.Credential.bearer(resigned));
            if (answer.status() != 200) {
                findings.add("a token re-signed unchanged with the stack's key is not accepted by " + target.name()
                        + ": " + answer);
            }
        }

        byte[] publicPem = Files.readAllBytes(stack.layout().keysDir().resolve("jwt-public.pem"));
        List<Forgery> forgeries = List.of(
                new Forgery("payload changed (role escalated to admin), signature kept",
                        parts[0] + "." + encode(with(claims, c -> c.set("groups", Api.JSON.createArrayNode()
                                .add("admin").add("donor")))) + "." + parts[2]),
                new Forgery("signature altered", parts[0] + "." + parts[1] + "." + flip(parts[2])),
                new Forgery("expired", rs256(header, with(claims, c -> c.put("iat", now - 7200).put("exp", now - 3600)),
                        stackKey)),
                new Forgery("not yet valid", rs256(header, with(claims, c -> c.put("iat", now + 3600)
                        .put("nbf", now + 3600).put("exp", now + 7200)), stackKey)),
                new Forgery("signed by another RSA key", rs256(header, claims, anotherKey())),
                new Forgery("alg none", encode(Api.object().put("alg", "none").put("typ", "JWT")) + "."
                        + encode(with(claims, c -> c.set("groups", Api.JSON.createArrayNode().add("admin")))) + "."),
                new Forgery("HS256 keyed with the public key's PEM", hs256(with(header, h -> h.put("alg", "HS256")),
                        claims, publicPem)),
                new Forgery("wrong kid", rs256(with(header, h -> h.put("kid", "another-key")), claims, stackKey)),
                new Forgery("no kid", rs256(with(header, h -> {
                    h.remove("kid");
                    return h;
                }), claims, stackKey)),
                new Forgery("wrong issuer", rs256(header, with(claims, c -> c.put("iss", "someone-else")), stackKey)));

        int cases = 0;
        for (Forgery forgery : forgeries) {
            // Each forgery from an address of its own: the gateway charges failed credentials to their address, and
            // this test is about refusal (401), not about that limit (429).
            Api fromElsewhere = stack.api().from(Loopback.next());
            for (Target target : targets) {
                cases++;
                Api client = target.api() == api ? fromElsewhere : target.api();
                Api.Answer answer = client.get(target.path(), Api.Credential.bearer(forgery.token()));
                List<String> defects = Problems.defects(answer.status(), answer.contentType(), answer.body());
                if (answer.status() != 401) {
                    findings.add(forgery.name() + " at " + target.name() + ": expected 401 but got " + answer);
                } else if (!defects.isEmpty()) {
                    findings.add(forgery.name() + " at " + target.name() + ": 401 is no problem+json " + defects);
                }
            }
        }
        System.out.printf("Forged tokens: %d forgeries x %d places = %d cases, plus %d checks that an unchanged"
                + " re-signed token passes; %d findings%n", forgeries.size(), targets.size(), cases, targets.size(),
                findings.size());
        findings.forEach(finding -> System.out.println("  finding: " + finding));
        assertThat(findings).as("forged-token findings").isEmpty();
    }

    /** A service called directly on its own port: {@code /internal/ping} needs a valid token with a person's role. */
    private static Target direct(RunningStack stack, ServiceSpec service) {
        URI base = stack.service(service);
        return new Target(service.name() + " directly", new Api(base), "/internal/ping");
    }

    private static ObjectNode with(ObjectNode node, UnaryOperator<ObjectNode> change) {
        return change.apply(node.deepCopy());
    }

    private static String encode(JsonNode json) {
        try {
            return B64.encodeToString(Api.JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(JsonNode header, JsonNode claims, PrivateKey key) throws GeneralSecurityException {
        String signed = encode(header) + "." + encode(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signed.getBytes(UTF_8));
        return signed + "." + B64.encodeToString(signature.sign());
    }

    private static String hs256(JsonNode header, JsonNode claims, byte[] secret) throws GeneralSecurityException {
        String signed = encode(header) + "." + encode(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signed + "." + B64.encodeToString(mac.doFinal(signed.getBytes(UTF_8)));
    }

    /** The signature with one byte in its middle changed (the last characters may only carry padding bits). */
    private static String flip(String signature) {
        byte[] bytes = B64D.decode(signature);
        bytes[bytes.length / 2] ^= 0x5a;
        return B64.encodeToString(bytes);
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static PrivateKey anotherKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }
}

package org.lifeline.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import io.vertx.mutiny.sqlclient.Pool;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

/** Accounts, tokens, organisations, coordinator grants, partner keys and the JWKS, against a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gateway"),
        @ResourceArg(name = "kafka", value = "false")})
class IdentityTest {

    /** As in src/test/resources/application.properties. */
    static final String ADMIN_EMAIL = "admin@test.lifeline";
    static final String ADMIN_PASSWORD = "test-admin-password-0001";
    /** lifeline.gateway.sign-in.free-failures, as configured by default. */
    static final int FREE_FAILURES = 5;

    static final List<String> LOG_LINES = java.util.Collections.synchronizedList(new ArrayList<>());
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            LOG_LINES.add(message + (record.getThrown() == null ? "" : " " + stackTrace(record.getThrown())));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    JWTParser parser;

    @Inject
    PartnerKeys partnerKeys;

    @Inject
    TokenIssuer issuer;

    @Inject
    Pool pool;

    @Inject
    JWTAuthContextInfoProvider configuredVerification;

    @Inject
    MockMailbox mailbox;

    @BeforeAll
    static void captureLogs() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapturingLogs() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Test
    void a_registered_donor_gets_a_token_with_its_claims() throws Exception {
        String email = uniqueEmail("Donor");
        ExtractableResponse<Response> registered = register(email, "correct horse battery", "Dana Donor")
                .statusCode(201)
                .header("Location", containsString("/api/v1/accounts/"))
                .body("email", equalTo(email))
                .body("displayName", equalTo("Dana Donor"))
                .body("roles", equalTo(List.of("donor")))
                .extract();
        String id = registered.path("id");
        assertThat(registered.header("Location")).endsWith(id);

        ExtractableResponse<Response> issued = token(email, "correct horse battery")
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(3600))
                .extract();
        String accessToken = issued.path("accessToken");

        JsonWebToken jwt = parser.parse(accessToken);
        assertThat(jwt.getIssuer()).isEqualTo("lifeline");
        assertThat(jwt.getSubject()).isEqualTo(id);
        assertThat(jwt.getName()).isEqualTo(email);
        assertThat(jwt.<Object>getClaim("email").toString()).contains(email);
        assertThat(jwt.<Object>getClaim("name").toString()).contains("Dana Donor");
        assertThat(jwt.getGroups()).containsExactly("donor");
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(3600);
        assertThat(jwt.containsClaim("orgs")).isFalse();
        Map<?, ?> header = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                Base64.getUrlDecoder().decode(accessToken.split("\\.")[0]), Map.class);
        assertThat(header.get("alg")).isEqualTo("RS256");
        assertThat(header.get("kid")).isEqualTo(jwks().get("kid"));

        // The gateway accepts its own tokens.
        given().auth().oauth2(accessToken).get("/api/v1/accounts/" + id)
                .then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void an_email_taken_in_another_case_gets_the_answer_of_a_new_registration_and_its_holder_a_notice() {
        String email = uniqueEmail("Twice");
        ExtractableResponse<Response> first = register(email, "first password", "First").statusCode(201).extract();
        ExtractableResponse<Response> again = register(email.toUpperCase(), "second password", "Second")
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/api/v1/accounts/"))
                .body("email", equalTo(email.toUpperCase()))
                .body("displayName", equalTo("Second"))
                .body("roles", equalTo(List.of("donor")))
                .extract();
        assertThat(again.jsonPath().getMap("").keySet()).isEqualTo(first.jsonPath().getMap("").keySet());
        assertThat(again.<String>path("id")).isNotEqualTo(first.path("id"));
        assertThat(again.header("Location")).endsWith(again.<String>path("id"));

        // Nothing changed: the first password still signs in, the second does not.
        token(email, "first password").statusCode(200);
        token(email, "second password").statusCode(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mailbox.getMailsSentTo(email.toUpperCase()))
                .singleElement().satisfies(mail -> {
                    assertThat(mail.getSubject()).isEqualTo(RegistrationNotices.SUBJECT);
                    assertThat(mail.getText()).contains("already has an account").doesNotContain("second password");
                }));
        assertThat(mailbox.getMailsSentTo(email)).isEmpty();
    }

    @Test
    void a_replayed_registration_of_a_taken_email_answers_as_a_replayed_new_one() {
        String email = uniqueEmail("Replay");
        register(email, "the holder's password", "Holder").statusCode(201);
        String key = "register-" + UUID.randomUUID();
        String decoyId = registerWithKey(key, email, "an intruder's password", "Intruder")
                .statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        registerWithKey(key, email, "an intruder's password", "Intruder")
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(decoyId));
        registerWithKey(key, email, "another password", "Intruder")
                .statusCode(409).contentType("application/problem+json");

        // A new email behaves the same way.
        String freshKey = "register-" + UUID.randomUUID();
        String fresh = uniqueEmail("Fresh");
        String id = registerWithKey(freshKey, fresh, "a fresh password", "Fresh").statusCode(201).extract().path("id");
        registerWithKey(freshKey, fresh, "a fresh password", "Fresh")
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        registerWithKey(freshKey, fresh, "another password", "Fresh").statusCode(409);
    }

    @Test
    void failed_sign_ins_of_an_email_make_its_next_attempts_wait_and_a_success_resets_them() {
        String email = uniqueEmail("Guessed");
        register(email, "the right password", "Gus").statusCode(201);
        for (int attempt = 1; attempt <= FREE_FAILURES; attempt++) {
            token(email, "guess " + attempt).statusCode(401);
        }
        // Throttled even with the right password, in any case of the email, without checking it.
        ExtractableResponse<Response> throttled = token(email.toUpperCase(), "the right password")
                .statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://lifeline.org/problems/sign-in-throttled"))
                .body("status", equalTo(429))
                .extract();
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();

        // Once the wait is over the right password works, and the count starts again.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> token(email, "the right password").extract().statusCode() == 200);
        for (int attempt = 1; attempt <= FREE_FAILURES; attempt++) {
            token(email, "guess " + attempt).statusCode(401);
        }
    }

    @Test
    void an_unknown_email_is_throttled_like_a_known_one() {
        String known = uniqueEmail("Known");
        register(known, "the right password", "Kim").statusCode(201);
        String unknown = uniqueEmail("Unknown");
        for (int attempt = 1; attempt <= FREE_FAILURES; attempt++) {
            token(known, "guess " + attempt).statusCode(401);
        }
        ExtractableResponse<Response> knownAnswer = token(known, "guess").statusCode(429).extract();
        for (int attempt = 1; attempt <= FREE_FAILURES; attempt++) {
            token(unknown, "guess " + attempt).statusCode(401);
        }
        ExtractableResponse<Response> unknownAnswer = token(unknown, "guess").statusCode(429).extract();
        assertThat(unknownAnswer.<String>path("type")).isEqualTo(knownAnswer.path("type"));
        assertThat(unknownAnswer.<String>path("title")).isEqualTo(knownAnswer.path("title"));
        assertThat(unknownAnswer.header("Retry-After")).isNotNull();
        // Another email is not affected.
        token(uniqueEmail("Other"), "guess").statusCode(401);
    }

    @Test
    void invalid_registrations_name_their_fields() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", "short", "displayName", ""))
                .post("/api/v1/auth/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("email", "password", "displayName"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail("long"), "password", "p".repeat(201), "displayName", "x".repeat(101)))
                .post("/api/v1/auth/register")
                .then().statusCode(400)
                .body("errors.field", hasItems("password", "displayName"));
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_401() {
        String email = uniqueEmail("Wrong");
        register(email, "the right password", "Wren").statusCode(201);
        ExtractableResponse<Response> wrongPassword = token(email, "the wrong password")
                .statusCode(401).contentType("application/problem+json").extract();
        ExtractableResponse<Response> unknownEmail = token(uniqueEmail("nobody"), "the right password")
                .statusCode(401).contentType("application/problem+json").extract();
        assertThat(wrongPassword.<String>path("title")).isEqualTo(unknownEmail.path("title"));
        assertThat(wrongPassword.<String>path("detail")).isEqualTo(unknownEmail.path("detail"));
    }

    @Test
    void an_admin_makes_an_account_coordinator_of_an_organisation() throws Exception {
        String admin = adminToken();
        String organisationId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Red Crescent Sichuan"))
                .post("/api/v1/organisations")
                .then().statusCode(201).body("name", equalTo("Red Crescent Sichuan"))
                .extract().path("id");

        String email = uniqueEmail("Coord");
        register(email, "coordinating password", "Cora").statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("email", email.toUpperCase()))
                .post("/api/v1/organisations/" + organisationId + "/coordinators")
                .then().statusCode(200)
                .body("roles", equalTo(List.of("coordinator", "donor")))
                .body("organisations", equalTo(List.of(organisationId)));

        JsonWebToken jwt = parser.parse(token(email, "coordinating password").statusCode(200)
                .extract().path("accessToken"));
        assertThat(jwt.getGroups()).containsExactlyInAnyOrder("donor", "coordinator");
        assertThat(orgs(jwt)).containsExactly(organisationId);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/api/v1/organisations/" + UUID.randomUUID() + "/coordinators")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", uniqueEmail("ghost")))
                .post("/api/v1/organisations/" + organisationId + "/coordinators")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void the_configured_admin_exists_with_the_admin_role() throws Exception {
        JsonWebToken jwt = parser.parse(adminToken());
        assertThat(jwt.getGroups()).contains("admin", "donor");
        assertThat(jwt.getName()).isEqualTo(ADMIN_EMAIL);
    }

    @Test
    void only_admins_manage_organisations_and_partners() {
        String donor = TestTokens.donor(UUID.randomUUID());
        given().auth().oauth2(donor).contentType(ContentType.JSON).body(Map.of("name", "Nope"))
                .post("/api/v1/organisations").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(donor).contentType(ContentType.JSON)
                .body(Map.of("name", "Nope", "scopes", List.of("feed:read")))
                .post("/api/v1/partners").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("name", "Nope"))
                .post("/api/v1/organisations").then().statusCode(401).contentType("application/problem+json");
        given().delete("/api/v1/partners/" + UUID.randomUUID() + "/key").then().statusCode(401);
    }

    @Test
    void a_partner_key_is_shown_once_works_and_stops_working_when_revoked() throws Exception {
        String admin = adminToken();
        ExtractableResponse<Response> created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "ReliefWeb mirror", "scopes", List.of("webhooks:manage", "feed:read")))
                .post("/api/v1/partners")
                .then().statusCode(201)
                .body("name", equalTo("ReliefWeb mirror"))
                .body("scopes", equalTo(List.of("feed:read", "webhooks:manage")))
                .body("apiKey", startsWith("llk_"))
                .extract();
        String apiKey = created.path("apiKey");
        UUID partnerId = UUID.fromString(created.path("id"));
        assertThat(Base64.getUrlDecoder().decode(apiKey.substring(4))).hasSize(32);

        Partner partner = partnerKeys.authenticate(apiKey).await().atMost(Duration.ofSeconds(10)).orElseThrow();
        assertThat(partner.id()).isEqualTo(partnerId);
        assertThat(partner.scopes()).containsExactlyInAnyOrder("feed:read", "webhooks:manage");
        assertThat(partner.organisationId()).isNull();
        assertThat(partnerKeys.authenticate(apiKey + "x").await().atMost(Duration.ofSeconds(10))).isEmpty();

        JsonWebToken jwt = parser.parse(issuer.partnerToken(partner));
        assertThat(jwt.getSubject()).isEqualTo("partner:" + partnerId);
        assertThat(jwt.getGroups()).containsExactly("partner");
        assertThat(jwt.<Object>getClaim("scope").toString()).contains("feed:read webhooks:manage");
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(60);

        given().auth().oauth2(admin).delete("/api/v1/partners/" + partnerId + "/key").then().statusCode(204);
        assertThat(partnerKeys.authenticate(apiKey).await().atMost(Duration.ofSeconds(10))).isEmpty();
        given().auth().oauth2(admin).delete("/api/v1/partners/" + UUID.randomUUID() + "/key")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_partner_of_an_organisation_carries_it_and_bad_partners_are_refused() throws Exception {
        String admin = adminToken();
        String organisationId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Partner org")).post("/api/v1/organisations")
                .then().statusCode(201).extract().path("id");
        String apiKey = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "HDX", "organisationId", organisationId, "scopes", List.of("feed:read")))
                .post("/api/v1/partners")
                .then().statusCode(201).body("organisationId", equalTo(organisationId))
                .extract().path("apiKey");
        Partner partner = partnerKeys.authenticate(apiKey).await().atMost(Duration.ofSeconds(10)).orElseThrow();
        assertThat(partner.organisationId()).hasToString(organisationId);
        assertThat(orgs(parser.parse(issuer.partnerToken(partner)))).containsExactly(organisationId);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "scopes", List.of("feed:write")))
                .post("/api/v1/partners")
                .then().statusCode(400).body("errors.field", hasItems("scopes[0]"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "organisationId", UUID.randomUUID().toString(), "scopes", List.of("feed:read")))
                .post("/api/v1/partners")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void the_jwks_serves_the_signing_key() throws Exception {
        Map<String, Object> jwk = jwks();
        assertThat(jwk).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig");
        RSAPublicKey testKey = (RSAPublicKey) KeyUtils.decodePublicKey(TestTokens.publicKeyPem());
        assertThat(new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n")))).isEqualTo(testKey.getModulus());
        assertThat(new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e"))))
                .isEqualTo(testKey.getPublicExponent());
    }

    @Test
    void without_a_configured_key_one_is_generated_once_kept_in_the_database_and_verifies_own_tokens() throws Exception {
        SigningKeys first = new SigningKeys(pool, unconfigured(), Optional.empty(), Optional.empty());
        SigningKeys second = new SigningKeys(pool, unconfigured(), Optional.empty(), Optional.empty());
        assertThat(first.isGenerated()).isTrue();
        assertThat(second.kid()).isEqualTo(first.kid());
        assertThat(second.publicKey().getModulus()).isEqualTo(first.publicKey().getModulus());
        assertThat(first.publicKey().getModulus().bitLength()).isEqualTo(2048);

        TokenIssuer ownIssuer = new TokenIssuer(first, unconfigured());
        String token = ownIssuer.accountToken(new Account(UUID.randomUUID(), "own@example.org", "Own",
                java.util.Set.of("donor"), java.util.Set.of()));
        JWTAuthContextInfo verification = new OwnTokenVerification().verification(configuredVerification, first);
        assertThat(new DefaultJWTParser(verification).parse(token).getName()).isEqualTo("own@example.org");
        assertThat(parser.parse(issuer.accountToken(new Account(UUID.randomUUID(), "x@example.org", "X",
                java.util.Set.of("donor"), java.util.Set.of()))).getName()).isEqualTo("x@example.org");
    }

    @Test
    void a_password_appears_in_no_response_and_no_log_line() {
        String password = "Zebra-Quokka-" + UUID.randomUUID();
        String email = uniqueEmail("Secret");
        List<String> responses = new ArrayList<>();
        responses.add(register(email, password, "Sam Secret").statusCode(201).extract().asString());
        responses.add(register(email, password, "Sam Again").statusCode(201).extract().asString());
        responses.add(token(email, password).statusCode(200).extract().asString());
        responses.add(token(email, password + "-wrong").statusCode(401).extract().asString());
        responses.add(token(uniqueEmail("none"), password).statusCode(401).extract().asString());
        responses.add(given().contentType(ContentType.JSON)
                .body(Map.of("email", "broken", "password", password + "x".repeat(200), "displayName", "S"))
                .post("/api/v1/auth/register").then().statusCode(400).extract().asString());
        responses.add(given().contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"password\": " + "[\"" + password + "\"]}")
                .post("/api/v1/auth/token").then().statusCode(400).extract().asString());

        assertThat(responses).allSatisfy(body -> assertThat(body).doesNotContain(password).doesNotContain("$argon2"));
        assertThat(LOG_LINES).isNotEmpty().noneMatch(line -> line.contains(password) || line.contains("$argon2"));
        // The notice to the address of the second registration names it in no log line either.
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailbox.getMailsSentTo(email).isEmpty());
        assertThat(LOG_LINES).noneMatch(line -> line.toLowerCase().contains(email.toLowerCase()));
    }

    private static io.restassured.response.ValidatableResponse register(String email, String password, String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", name))
                .post("/api/v1/auth/register").then();
    }

    private static io.restassured.response.ValidatableResponse registerWithKey(String key, String email,
            String password, String name) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("email", email, "password", password, "displayName", name))
                .post("/api/v1/auth/register").then();
    }

    private static io.restassured.response.ValidatableResponse token(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/token").then();
    }

    private static String adminToken() {
        return token(ADMIN_EMAIL, ADMIN_PASSWORD).statusCode(200).extract().path("accessToken");
    }

    private static Map<String, Object> jwks() {
        List<Map<String, Object>> keys = given().get("/.well-known/jwks.json")
                .then().statusCode(200).contentType(ContentType.JSON).extract().path("keys");
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    private static List<String> orgs(JsonWebToken jwt) {
        Optional<Object> claim = jwt.claim("orgs");
        return claim.map(value -> ((Collection<?>) value).stream()
                        .map(id -> id instanceof JsonString json ? json.getString() : id.toString())
                        .toList())
                .orElse(List.of());
    }

    private static IdentityConfig unconfigured() {
        return new IdentityConfig() {
            public Optional<String> adminEmail() {
                return Optional.empty();
            }

            public Optional<String> adminPassword() {
                return Optional.empty();
            }

            public Duration tokenLifetime() {
                return Duration.ofHours(1);
            }

            public Duration partnerTokenLifetime() {
                return Duration.ofSeconds(60);
            }

            public Optional<String> jwtPrivateKeyLocation() {
                return Optional.empty();
            }
        };
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID() + "@Example.org";
    }

    private static String stackTrace(Throwable thrown) {
        java.io.StringWriter out = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

}

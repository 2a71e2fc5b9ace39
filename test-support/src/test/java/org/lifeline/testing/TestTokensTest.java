package org.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;

class TestTokensTest {

    private final DefaultJWTParser parser = new DefaultJWTParser(verification());

    @Test
    void donorTokenVerifiesWithThePublicKey() throws ParseException {
        UUID account = UUID.randomUUID();
        JsonWebToken jwt = parser.parse(TestTokens.donor(account));

        assertThat(jwt.getIssuer()).isEqualTo("lifeline");
        assertThat(jwt.getSubject()).isEqualTo(account.toString());
        assertThat(jwt.getName()).isEqualTo("account-" + account + "@example.org");
        assertThat(jwt.<String>getClaim("email")).isEqualTo(jwt.getName());
        assertThat(jwt.getGroups()).containsExactly("donor");
        assertThat(jwt.containsClaim("orgs")).isFalse();
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(3600);
    }

    @Test
    void coordinatorTokenCarriesItsOrganisations() throws ParseException {
        UUID org1 = UUID.randomUUID();
        UUID org2 = UUID.randomUUID();
        JsonWebToken jwt = parser.parse(TestTokens.coordinator(UUID.randomUUID(), org1, org2));

        assertThat(jwt.getGroups()).containsExactly("coordinator");
        assertThat(jwt.getClaim("orgs").toString()).contains(org1.toString(), org2.toString());
        assertThat(jwt.<String>getClaim("name")).isEqualTo("Test coordinator");
    }

    @Test
    void adminTokenHasTheAdminRole() throws ParseException {
        assertThat(parser.parse(TestTokens.admin(UUID.randomUUID())).getGroups()).containsExactly("admin");
    }

    @Test
    void expiredTokenIsRejected() {
        String token = TestTokens.expired(UUID.randomUUID(), "donor");
        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws Exception {
        String token = TestTokens.token(UUID.randomUUID(), java.util.Set.of("donor"), List.of(), java.time.Duration.ofMinutes(5));
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThatThrownBy(() -> parser.parse(tampered)).isInstanceOf(ParseException.class);
    }

    @Test
    void tokensNameTheTestKeyByItsThumbprintOrTheKeyAskedFor() {
        assertThat(TestTokens.KEY_ID).matches("[A-Za-z0-9_-]{43}");
        assertThat(header(TestTokens.donor(UUID.randomUUID()))).contains("\"kid\":\"" + TestTokens.KEY_ID + "\"");
        assertThat(header(TestTokens.donorWithKeyId(UUID.randomUUID(), "another-key"))).contains("\"kid\":\"another-key\"");
        assertThat(header(TestTokens.donorWithKeyId(UUID.randomUUID(), null))).doesNotContain("kid");
    }

    private static String header(String token) {
        return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JWTAuthContextInfo verification() {
        try {
            PublicKey key = KeyUtils.decodePublicKey(TestTokens.publicKeyPem());
            return new JWTAuthContextInfo(key, "lifeline");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.lifeline.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;

/** The web app at {@code /}: its shell and bundled assets, their security and cache headers, and the API beside it. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gateway"),
        @ResourceArg(name = "kafka", value = "false")})
class WebAppTest {

    private static final Pattern BUNDLED_SCRIPT = Pattern.compile("<script type=\"module\" src=\"(/static/bundle/app-[A-Z0-9]+\\.js)\"");
    private static final Pattern BUNDLED_STYLE = Pattern.compile("href=\"(/static/bundle/app-[A-Z0-9]+\\.css)\"");

    @Test
    void the_shell_is_served_with_a_content_security_policy_that_allows_no_inline_script() {
        Response shell = given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .extract().response();
        String policy = shell.header("Content-Security-Policy");
        assertThat(policy).isNotNull();
        String scriptSrc = directive(policy, "script-src");
        assertThat(scriptSrc).isEqualTo("script-src 'self'");
        assertThat(policy).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval")
                .contains("default-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
        // No inline script in the shell itself: the policy would refuse it.
        assertThat(shell.asString()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    }

    @Test
    void the_hashed_bundle_is_referenced_by_the_shell_and_cached_for_a_year() {
        String shell = given().get("/").then().statusCode(200).extract().asString();
        for (Pattern asset : new Pattern[] {BUNDLED_SCRIPT, BUNDLED_STYLE}) {
            Matcher matcher = asset.matcher(shell);
            assertThat(matcher.find()).as("the shell names %s", asset).isTrue();
            given().get(matcher.group(1)).then().statusCode(200)
                    .header("Cache-Control", WebHeaders.IMMUTABLE)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", startsWith("default-src 'self'"));
        }
    }

    @Test
    void an_unknown_asset_is_not_cached_as_immutable() {
        given().get("/static/bundle/app-NOSUCHFILE.js").then().statusCode(404)
                .header("Cache-Control", not(equalTo(WebHeaders.IMMUTABLE)));
    }

    @Test
    void the_api_is_still_proxied_and_keeps_its_own_headers() {
        // No service runs behind this test's gateway: the proxy answers for the one it could not reach.
        given().get("/api/v1/campaigns?status=ACTIVE").then()
                .statusCode(503)
                .contentType(containsString("application/problem+json"))
                .header("Content-Security-Policy", (String) null);
        // The gateway's own endpoints are not the web app's either.
        given().contentType("application/json").body("{\"email\":\"nobody@test.lifeline\",\"password\":\"wrong-password-1\"}")
                .post("/api/v1/auth/token").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void the_web_config_names_no_tile_server_by_default() {
        given().get("/web-config.json").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body(containsString("\"mapTiles\":null"));
    }

    @Test
    void a_tile_server_origin_joins_img_src_and_nothing_else() {
        assertThat(WebHeaders.contentSecurityPolicy(Optional.of("https://{s}.tile.example.org/{z}/{x}/{y}.png")))
                .contains("img-src 'self' https: data: https://*.tile.example.org;");
        assertThat(WebHeaders.origin("https://tiles.example.org:8443/{z}/{x}/{y}.png")).contains("https://tiles.example.org:8443");
        assertThat(WebHeaders.origin("javascript:alert(1)")).isEmpty();
        assertThat(WebHeaders.origin("https://{x}.example.org/{z}.png")).isEmpty();
        assertThat(WebHeaders.contentSecurityPolicy(Optional.empty())).contains("img-src 'self' https: data:;");
    }

    private static String directive(String policy, String name) {
        for (String part : policy.split(";")) {
            if (part.trim().startsWith(name + " ")) {
                return part.trim();
            }
        }
        return "";
    }
}

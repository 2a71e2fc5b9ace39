package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeFilterTest {

    private static final long ONE_MB = 1024 * 1024;

    @Test
    void an_ordinary_request_passes() {
        assertThat(refusal("/api/v1/feed/needs?campaignId=7&item=rice+25kg&near=30.66,104.06&q=%E6%B0%B4")).isEmpty();
        assertThat(refusal("/api/v1/needs/4b1f?")).isEmpty();
        assertThat(refusal("/api/v1/feed/needs?flag&empty=&=x&&")).isEmpty();
        // Bytes that are not UTF-8 decode to U+FFFD, here as in the REST layer: storable.
        assertThat(refusal("/api/v1/feed/needs?item=%ED%A0%80")).isEmpty();
    }

    @Test
    void a_uri_over_8_kb_is_a_414() {
        assertThat(refusal("/api/v1/feed/needs?item=" + "a".repeat(EdgeFilter.MAX_URI_LENGTH))).get()
                .satisfies(problem -> {
                    assertThat(problem.status()).isEqualTo(414);
                    assertThat(problem.instance()).isNull();
                });
        assertThat(refusal("/" + "a".repeat(EdgeFilter.MAX_URI_LENGTH - 1))).isEmpty();
    }

    @Test
    void headers_over_the_limit_are_a_431() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Padding", "a".repeat(EdgeFilter.MAX_HEADER_BYTES));

        assertThat(EdgeFilter.refusal("/q/health", headers, ONE_MB)).get()
                .extracting(Problem::status).isEqualTo(431);
    }

    @Test
    void a_declared_body_over_the_cap_is_a_413_and_one_at_the_cap_passes() {
        MultiMap over = MultiMap.caseInsensitiveMultiMap().add("Content-Length", Long.toString(ONE_MB + 1));
        MultiMap at = MultiMap.caseInsensitiveMultiMap().add("Content-Length", Long.toString(ONE_MB));

        assertThat(EdgeFilter.refusal("/api/v1/pledges", over, ONE_MB)).get().extracting(Problem::status).isEqualTo(413);
        assertThat(EdgeFilter.refusal("/api/v1/pledges", at, ONE_MB)).isEmpty();
    }

    @Test
    void a_nul_in_a_query_value_is_a_400_naming_the_parameter() {
        Problem problem = refusal("/api/v1/feed/needs?status=OPEN&item=rice%00").orElseThrow();

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(EdgeFilter.MALFORMED_URI_TYPE);
        assertThat(problem.instance()).isEqualTo("/api/v1/feed/needs");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).isEqualTo(List.of("item"));
    }

    @Test
    void a_bad_escape_in_a_query_value_is_a_400_naming_the_parameter() {
        assertThat(refusal("/api/v1/feed/needs?item=%G1").orElseThrow().errors())
                .extracting(Problem.FieldError::field).isEqualTo(List.of("item"));
        assertThat(refusal("/api/v1/feed/needs?item=rice%2").orElseThrow().errors())
                .extracting(Problem.FieldError::field).isEqualTo(List.of("item"));
    }

    @Test
    void a_nul_in_a_query_name_or_the_path_is_a_400() {
        assertThat(refusal("/api/v1/feed/needs?it%00em=rice")).get().extracting(Problem::status).isEqualTo(400);
        Problem path = refusal("/api/v1/needs/%00").orElseThrow();
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.detail()).contains("path");
        assertThat(refusal("/api/v1/needs/%")).get().extracting(Problem::status).isEqualTo(400);
    }

    @Test
    void a_target_that_is_not_a_uri_is_a_400_that_does_not_echo_it() {
        for (String target : List.of("/api/v1/needs/{id}", "/api/v1/needs/a b", "/api/v1/feed/needs?item=<x>")) {
            Problem problem = refusal(target).orElseThrow();
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.type()).isEqualTo(EdgeFilter.MALFORMED_URI_TYPE);
            assertThat(problem.detail()).startsWith("The request target is not a valid URI: ")
                    .doesNotContain("{id}", "<x>");
        }
        assertThat(refusal("/api/v1/needs/%ZZ").orElseThrow().detail()).contains("path is not correctly percent-encoded");
    }

    private static Optional<Problem> refusal(String uri) {
        return EdgeFilter.refusal(uri, MultiMap.caseInsensitiveMultiMap(), ONE_MB);
    }
}

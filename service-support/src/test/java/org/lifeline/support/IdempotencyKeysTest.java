package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lifeline.kernel.idempotency.IdempotentRequest;

class IdempotencyKeysTest {

    private static final String DONOR = "8b4f4f4e-7a8e-4a43-9a0b-0d1c2e3f4a5b";

    private final IdempotencyKeys keys = new IdempotencyKeys(new ObjectMapper());

    @Test
    void a_request_without_a_key_is_not_remembered() {
        assertThat(keys.of(DONOR, null, "POST", "/api/v1/pledges", Map.of("quantity", 40))).isNull();
    }

    @Test
    void the_key_belongs_to_its_caller_and_the_hash_to_what_was_asked() {
        IdempotentRequest request = keys.of(DONOR, "k-1", "POST", "/api/v1/pledges", Map.of("quantity", 40));

        assertThat(request.caller()).isEqualTo(DONOR);
        assertThat(request.key()).isEqualTo("k-1");
        assertThat(request.requestHash())
                .isEqualTo(IdempotentRequest.hash("POST", "/api/v1/pledges", "{\"quantity\":40}"))
                .isNotEqualTo(keys.of(DONOR, "k-1", "POST", "/api/v1/pledges", Map.of("quantity", 41)).requestHash())
                .isNotEqualTo(keys.of(DONOR, "k-1", "POST", "/api/v1/donations", Map.of("quantity", 40)).requestHash());
    }

    @Test
    void a_request_without_a_body_hashes_as_an_empty_one() {
        assertThat(keys.of(DONOR, "k-2", "POST", "/api/v1/offers/1/withdraw", null).requestHash())
                .isEqualTo(keys.of(DONOR, "k-2", "POST", "/api/v1/offers/1/withdraw", "").requestHash())
                .isEqualTo(IdempotentRequest.hash("POST", "/api/v1/offers/1/withdraw", ""));
    }

    @Test
    void keys_may_be_printable_ascii_only() {
        assertThat("order 2026-11-21/7").matches(IdempotencyKeys.PATTERN);
        assertThat("订单").doesNotMatch(IdempotencyKeys.PATTERN);
        assertThat("tab\there").doesNotMatch(IdempotencyKeys.PATTERN);
    }
}

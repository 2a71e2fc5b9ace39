package org.lifeline.feed.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void signs_timestamp_dot_body_with_hmac_sha256_in_hex() {
        // Expected value computed outside Java: python3 hmac.new(secret, b'1767225600.' + body, sha256).hexdigest()
        assertThat(WebhookSignature.sign("whsec-0123456789abcdef", 1767225600L, "{\"id\":\"e1\",\"position\":7}"))
                .isEqualTo("sha256=1954c8d4f73bcf74f45aede63c9dac4b0bba8a55b00f82857796bbae97d474bc");
    }

    @Test
    void another_timestamp_body_or_secret_gives_another_signature() {
        String signature = WebhookSignature.sign("whsec-0123456789abcdef", 1767225600L, "{}");
        assertThat(WebhookSignature.sign("whsec-0123456789abcdef", 1767225601L, "{}")).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign("whsec-0123456789abcdef", 1767225600L, "{ }")).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign("whsec-0123456789abcdeF", 1767225600L, "{}")).isNotEqualTo(signature);
    }

    @Test
    void a_receiver_verifies_what_the_sender_signs() {
        String body = "{\"id\":\"e1\",\"data\":{\"item\":\"帐篷\"}}";
        assertThat(WebhookReceiver.verifies("whsec-0123456789abcdef", "1767225600", body,
                WebhookSignature.sign("whsec-0123456789abcdef", 1767225600L, body))).isTrue();
    }
}

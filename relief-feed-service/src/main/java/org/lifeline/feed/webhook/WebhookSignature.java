package org.lifeline.feed.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code X-Lifeline-Signature} of a delivery: {@code sha256=} and the hex HMAC-SHA256, keyed with the
 * subscription's secret, of the {@code X-Lifeline-Timestamp} value, a dot and the exact body bytes. Signing the
 * timestamp lets receivers refuse replays of old deliveries.
 */
final class WebhookSignature {

    static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

package org.lifeline.feed.webhook;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code POST /api/v1/partners/me/webhooks}. {@code fromPosition} (optional) starts deliveries at that feed
 * position; without it only events after the subscription are delivered.
 */
public record SubscribeRequest(
        @NotBlank @Size(max = 2000) String url,
        @NotNull @Size(min = 1, max = 50)
        List<@NotNull @Pattern(regexp = EventTypes.PATTERN, message = EventTypes.PATTERN_MESSAGE) String> eventTypes,
        @NotNull @Size(min = 16, max = 200) String secret,
        @Min(1) Long fromPosition) {

    /** Without the secret, so a logged request never shows it. */
    @Override
    public String toString() {
        return "SubscribeRequest[url=" + url + ", eventTypes=" + eventTypes + ", fromPosition=" + fromPosition + "]";
    }
}

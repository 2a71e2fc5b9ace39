package org.lifeline.feed.webhook;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/v1/partners/me/webhooks/{id}/redeliver}: replay, in order, from this feed position on. */
public record RedeliverRequest(@NotNull @Min(1) Long fromPosition) {
}

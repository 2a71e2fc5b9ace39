package org.lifeline.campaigns.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.lifeline.campaigns.domain.need.Needs;
import org.lifeline.campaigns.domain.need.Urgency;

import java.time.Instant;

/** The body of {@code PATCH /api/v1/needs/{id}}: each field given is changed, absent (or null) ones are left. */
public record ReviseNeedRequest(
        @Min(Needs.MIN_QUANTITY) @Max(Needs.MAX_QUANTITY) Integer quantity,
        Urgency urgency,
        Instant neededBy) {
}

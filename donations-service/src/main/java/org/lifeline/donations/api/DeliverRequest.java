package org.lifeline.donations.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.lifeline.donations.domain.pledge.Pledges;

/** {@code POST /api/v1/pledges/{id}/deliver}: what the site received (at most what was reserved). */
public record DeliverRequest(@NotNull @PositiveOrZero @Max(Pledges.MAX_QUANTITY) Integer quantityReceived,
                             @Size(max = 1000) String note) {
}

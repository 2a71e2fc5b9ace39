package org.lifeline.donations.api;

import jakarta.validation.constraints.NotNull;
import org.lifeline.donations.domain.pledge.DeliveryMethod;

import java.time.Instant;

/** {@code POST /api/v1/pledges/{id}/confirm}: how and when the goods arrive. */
public record ConfirmRequest(@NotNull DeliveryMethod method, @NotNull Instant eta) {
}

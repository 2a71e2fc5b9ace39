package org.lifeline.donations.money;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** The body of {@code POST /api/v1/donations}. */
public record DonateRequest(
        @NotNull UUID campaignId,
        @NotNull @Valid MoneyRequest amount,
        @Size(min = 1, max = 200) @Pattern(regexp = "^\\P{Cntrl}+$", message = "must be printable text")
        String paymentRef) {
}

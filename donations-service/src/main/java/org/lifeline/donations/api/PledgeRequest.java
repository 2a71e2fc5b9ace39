package org.lifeline.donations.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lifeline.donations.domain.pledge.Pledges;
import org.lifeline.donations.domain.pledge.Policy;

import java.util.UUID;

/** {@code POST /api/v1/pledges}: {@code policy} defaults to ALL_OR_NOTHING. */
public record PledgeRequest(
        @NotNull UUID needId,
        @NotNull @Min(Pledges.MIN_QUANTITY) @Max(Pledges.MAX_QUANTITY) Integer quantity,
        Policy policy,
        @Size(max = 1000) String note) {

    public Policy policyOrDefault() {
        return policy == null ? Policy.ALL_OR_NOTHING : policy;
    }
}

package org.lifeline.donations.money;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.lifeline.donations.domain.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A match pool as anyone may read it: its terms and how much is left. No donor data: who got the
 * matches is on the pool's stream, never here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatchPoolView(UUID id, UUID campaignId, String sponsor, BigDecimal ratio, Money pool, Money remaining,
                            Money matched, Money perDonorCap, Money minGift, Instant endsAt, String status,
                            String closedReason, Instant openedAt, Instant updatedAt, long version) {
}

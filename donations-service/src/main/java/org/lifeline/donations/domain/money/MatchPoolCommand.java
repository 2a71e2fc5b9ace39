package org.lifeline.donations.domain.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** What can be asked of a match pool. Commands carry the time they are decided at. */
public sealed interface MatchPoolCommand {

    /** A coordinator opens a pool for a sponsor; {@code perDonorCap}, {@code minGift} and {@code endsAt} may be null. */
    record OpenMatchPool(UUID matchPoolId, UUID campaignId, UUID organisationId, String sponsor, BigDecimal ratio,
                         Money pool, Money perDonorCap, Money minGift, Instant endsAt, Instant now)
            implements MatchPoolCommand { }

    /** A donation to the pool's campaign asks for its match. */
    record ApplyMatch(UUID donationId, UUID donorId, Money donation, Instant now) implements MatchPoolCommand { }

    /** The donation was refunded: its match, if it had one here, goes back to the pool. */
    record ReverseMatch(UUID donationId, Instant now) implements MatchPoolCommand { }

    /** Closes the pool: ENDED (its end time passed; the timer) or CLOSED (its coordinator, or its campaign closed). */
    record CloseMatchPool(CloseReason reason, Instant now) implements MatchPoolCommand { }
}

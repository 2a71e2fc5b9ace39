package org.lifeline.donations.domain.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a match pool; one stream per pool (stream type {@code match-pool}, id = pool id).
 * Every match is decided on this stream, so concurrent donations race on its version and the pool
 * never overspends. Serialised by {@code ContractJson} they are the payloads of docs/events.md.
 */
public sealed interface MatchPoolEvent {

    UUID matchPoolId();

    /** A sponsor matches donations to a campaign at {@code ratio} up to {@code pool}. */
    record MatchPoolOpened(UUID matchPoolId, UUID campaignId, UUID organisationId, String sponsor, BigDecimal ratio,
                           Money pool, Money perDonorCap, Money minGift, Instant endsAt) implements MatchPoolEvent { }

    /** A donation took {@code matched}; {@code full} when neither the pool nor the donor's cap cut it. */
    record MatchApplied(UUID matchPoolId, UUID campaignId, UUID donationId, UUID donorId, Money donationAmount,
                        Money matched, boolean full, Money remaining) implements MatchPoolEvent { }

    /** A refunded donation gave its match back. */
    record MatchReversed(UUID matchPoolId, UUID campaignId, UUID donationId, Money returned, Money remaining)
            implements MatchPoolEvent { }

    /** Nothing is left to match with. */
    record MatchPoolExhausted(UUID matchPoolId, UUID campaignId) implements MatchPoolEvent { }

    /** The pool matches no more, with {@code remaining} unspent. */
    record MatchPoolClosed(UUID matchPoolId, UUID campaignId, CloseReason reason, Money remaining)
            implements MatchPoolEvent { }
}

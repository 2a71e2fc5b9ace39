package org.lifeline.donations.domain.pledge;

/**
 * Events of a pledge that never reached the ledger (stream type {@code pledge-attempt}, stream id =
 * the pledge id): kept apart so rejections never contend with reservations.
 */
public sealed interface PledgeAttemptEvent permits PledgeRejected {
}

package org.lifeline.donations.domain.pledge;

import java.util.UUID;

/** A pledge was refused; {@code outstanding} is what could be pledged at that moment. */
public record PledgeRejected(UUID pledgeId, UUID needId, UUID donorId, int requested, int outstanding,
                             RejectionReason reason) implements PledgeAttemptEvent {
}

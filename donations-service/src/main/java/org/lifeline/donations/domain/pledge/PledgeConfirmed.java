package org.lifeline.donations.domain.pledge;

import java.time.Instant;
import java.util.UUID;

/** The donor said how and when the goods arrive; the no-show clock runs from {@code eta}. */
public record PledgeConfirmed(UUID pledgeId, UUID needId, DeliveryMethod method, Instant eta) implements PledgeEvent {
}

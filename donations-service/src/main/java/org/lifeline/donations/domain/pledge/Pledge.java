package org.lifeline.donations.domain.pledge;

import java.time.Instant;
import java.util.UUID;

/**
 * One pledge as the ledger's events left it.
 *
 * @param reserved what it holds (or held) on the need
 * @param received what the site received, once delivered
 * @param version  how many of the ledger's events are about this pledge (its ETag)
 */
public record Pledge(UUID pledgeId, UUID donorId, Policy policy, int requested, int reserved, PledgeStatus status,
                     Instant holdExpiresAt, DeliveryMethod method, Instant eta, String carrier, String trackingRef,
                     int received, long version) {

    /** What the pledge takes from the need's requested quantity: its reservation while active, what arrived once delivered. */
    public int holding() {
        if (status.isActive()) {
            return reserved;
        }
        return status == PledgeStatus.DELIVERED ? received : 0;
    }

    Pledge with(PledgeStatus newStatus) {
        return new Pledge(pledgeId, donorId, policy, requested, reserved, newStatus, holdExpiresAt, method, eta,
                carrier, trackingRef, received, version + 1);
    }

    Pledge confirmed(DeliveryMethod newMethod, Instant newEta) {
        return new Pledge(pledgeId, donorId, policy, requested, reserved, PledgeStatus.CONFIRMED, holdExpiresAt,
                newMethod, newEta, carrier, trackingRef, received, version + 1);
    }

    Pledge dispatched(String newCarrier, String newTrackingRef) {
        return new Pledge(pledgeId, donorId, policy, requested, reserved, PledgeStatus.IN_TRANSIT, holdExpiresAt,
                method, eta, newCarrier, newTrackingRef, received, version + 1);
    }

    Pledge delivered(int quantityReceived) {
        return new Pledge(pledgeId, donorId, policy, requested, reserved, PledgeStatus.DELIVERED, holdExpiresAt,
                method, eta, carrier, trackingRef, quantityReceived, version + 1);
    }
}

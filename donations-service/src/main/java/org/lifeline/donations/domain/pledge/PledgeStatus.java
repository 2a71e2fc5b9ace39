package org.lifeline.donations.domain.pledge;

/**
 * RESERVED → CONFIRMED → IN_TRANSIT → DELIVERED; exits CANCELLED, HOLD_EXPIRED and NO_SHOW release
 * the reservation.
 */
public enum PledgeStatus {
    RESERVED, CONFIRMED, IN_TRANSIT, DELIVERED, CANCELLED, HOLD_EXPIRED, NO_SHOW;

    /** Still holding its reservation and on its way to the need. */
    public boolean isActive() {
        return this == RESERVED || this == CONFIRMED || this == IN_TRANSIT;
    }
}

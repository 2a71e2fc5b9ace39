package org.lifeline.donations.domain.pledge;

/** Who cancelled a pledge: a person, or the end of its need. */
public enum CancelledBy {
    DONOR, COORDINATOR, NEED_CLOSED, NEED_CANCELLED, NEED_EXPIRED
}

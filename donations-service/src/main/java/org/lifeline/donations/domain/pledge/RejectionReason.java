package org.lifeline.donations.domain.pledge;

/** Why a pledge was not reserved. */
public enum RejectionReason {
    /** ALL_OR_NOTHING asked for more than is outstanding. */
    DOES_NOT_FIT,
    /** Nothing is outstanding: the need is fully pledged. */
    NOTHING_OUTSTANDING,
    /** The need is fulfilled, closed, cancelled or expired. */
    NEED_NOT_OPEN
}

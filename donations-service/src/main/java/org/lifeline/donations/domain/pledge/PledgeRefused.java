package org.lifeline.donations.domain.pledge;

import org.lifeline.kernel.Rejected;

import java.util.Locale;

/**
 * A pledge the ledger did not reserve: why, and what was outstanding at that moment. Unlike other
 * rejections it is recorded (as {@link PledgeRejected}, on its own stream) and answered with the
 * outstanding quantity.
 */
public final class PledgeRefused extends Rejected {

    private final RejectionReason reason;
    private final int outstanding;

    public PledgeRefused(RejectionReason reason, int outstanding, String message) {
        super(reason.name().toLowerCase(Locale.ROOT).replace('_', '-'), message);
        this.reason = reason;
        this.outstanding = outstanding;
    }

    public RejectionReason reason() {
        return reason;
    }

    public int outstanding() {
        return outstanding;
    }
}

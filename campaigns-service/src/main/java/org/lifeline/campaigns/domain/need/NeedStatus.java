package org.lifeline.campaigns.domain.need;

/** Where a need stands: OPEN → FULLY_PLEDGED → FULFILLED → CLOSED, side exits CANCELLED and EXPIRED. */
public enum NeedStatus {
    OPEN, FULLY_PLEDGED, FULFILLED, CLOSED, CANCELLED, EXPIRED;

    /** Still asking for goods: takes revisions, reconfirmations, and ages. */
    public boolean isLive() {
        return this == OPEN || this == FULLY_PLEDGED;
    }
}

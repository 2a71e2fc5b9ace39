package org.lifeline.feed.domain;

/** Where a need stands: OPEN → FULLY_PLEDGED → FULFILLED → CLOSED, side exits CANCELLED and EXPIRED. */
public enum NeedStatus {
    OPEN, FULLY_PLEDGED, FULFILLED, CLOSED, CANCELLED, EXPIRED;

    /** Still asking for goods. */
    public boolean isLive() {
        return this == OPEN || this == FULLY_PLEDGED;
    }
}

package org.lifeline.donations.domain.need;

/**
 * Where a need stands, as donations-service knows it from campaigns' events. Only an OPEN need takes
 * pledges; whether anything is left to pledge is its outstanding quantity (campaigns' FULLY_PLEDGED is
 * an OPEN need with nothing outstanding here).
 */
public enum NeedStatus {
    OPEN, FULFILLED, CLOSED, CANCELLED, EXPIRED
}

package org.lifeline.campaigns.domain.need;

/** Why a coordinator closes a need: it was met, or it is no longer wanted. */
public enum CloseReason {
    FULFILLED, CANCELLED
}

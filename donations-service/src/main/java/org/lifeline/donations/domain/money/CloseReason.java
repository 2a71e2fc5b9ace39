package org.lifeline.donations.domain.money;

/** Why a match pool closed: its end time passed (ENDED), or its coordinator or its campaign closed it (CLOSED). */
public enum CloseReason {
    ENDED, CLOSED
}

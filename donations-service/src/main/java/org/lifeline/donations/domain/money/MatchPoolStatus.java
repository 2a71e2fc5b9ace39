package org.lifeline.donations.domain.money;

/**
 * OPEN matches donations; EXHAUSTED has nothing left (and reopens when a refund gives money back
 * before it ends); CLOSED is final (its end time passed, or it was closed).
 */
public enum MatchPoolStatus {
    NONE, OPEN, EXHAUSTED, CLOSED
}

package org.lifeline.donations.domain.pledge;

/** ALL_OR_NOTHING (the default) reserves the whole quantity or nothing; PARTIAL reserves what fits. */
public enum Policy {
    ALL_OR_NOTHING, PARTIAL
}

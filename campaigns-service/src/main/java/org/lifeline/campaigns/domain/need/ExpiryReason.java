package org.lifeline.campaigns.domain.need;

/** Why a need expired: its needed-by date passed, or nobody reconfirmed it in time. */
public enum ExpiryReason {
    PAST_NEEDED_BY, UNCONFIRMED
}

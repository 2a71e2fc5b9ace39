package org.lifeline.contracts.need;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a need expired: its needed-by date passed, or nobody reconfirmed it in time. */
public enum ExpiryReason {
    PAST_NEEDED_BY, UNCONFIRMED,
    /** A value this reader does not know yet (see {@link org.lifeline.contracts.ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

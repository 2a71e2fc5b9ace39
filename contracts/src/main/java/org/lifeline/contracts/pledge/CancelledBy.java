package org.lifeline.contracts.pledge;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Who or what cancelled a pledge. */
public enum CancelledBy {
    DONOR, COORDINATOR, NEED_CLOSED, NEED_CANCELLED, NEED_EXPIRED,
    /** A value this reader does not know yet (see {@link org.lifeline.contracts.ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

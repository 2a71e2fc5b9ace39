package org.lifeline.contracts.pledge;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a pledge was rejected. */
public enum RejectionReason {
    DOES_NOT_FIT, NOTHING_OUTSTANDING, NEED_NOT_OPEN,
    /** A value this reader does not know yet (see {@link org.lifeline.contracts.ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

package org.lifeline.contracts.matchpool;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a match pool closed: its end time passed, or the coordinator closed it. */
public enum MatchPoolCloseReason {
    ENDED, CLOSED,
    /** A value this reader does not know yet (see {@link org.lifeline.contracts.ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

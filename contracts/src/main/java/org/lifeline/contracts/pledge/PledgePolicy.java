package org.lifeline.contracts.pledge;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** ALL_OR_NOTHING rejects a pledge that does not fit; PARTIAL reserves what fits. */
public enum PledgePolicy {
    ALL_OR_NOTHING, PARTIAL,
    /** A value this reader does not know yet (see {@link org.lifeline.contracts.ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

package org.lifeline.contracts.need;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** How soon a need must be met, most urgent first. */
public enum Urgency {
    CRITICAL, HIGH, MEDIUM, LOW,
    /** A value this reader does not know yet (see {@link org.lifeline.contracts.ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

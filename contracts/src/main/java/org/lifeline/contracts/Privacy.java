package org.lifeline.contracts;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** How precisely a site may be shown: as given, or only roughly (e.g. a private home). */
public enum Privacy {
    EXACT,
    APPROXIMATE,
    /** A value this reader does not know yet (see {@link ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

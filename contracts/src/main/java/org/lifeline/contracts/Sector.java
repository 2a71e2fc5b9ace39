package org.lifeline.contracts;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** The IASC cluster of a need or an offer. */
public enum Sector {
    /** Shelter. */ SHL,
    /** Water, sanitation and hygiene. */ WSH,
    /** Food security. */ FSC,
    /** Health. */ HEA,
    /** Nutrition. */ NUT,
    /** Logistics. */ LOG,
    /** Camp coordination and camp management. */ CCM,
    /** Education. */ EDU,
    /** Protection. */ PRO,
    /** Early recovery. */ ERY,
    /** Emergency telecommunications. */ TEL,
    /** A value this reader does not know yet (see {@link ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

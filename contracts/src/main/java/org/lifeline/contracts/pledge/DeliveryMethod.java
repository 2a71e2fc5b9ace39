package org.lifeline.contracts.pledge;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** How the donor gets the goods to the site. */
public enum DeliveryMethod {
    DROP_OFF, SHIPMENT, PICKUP,
    /** A value this reader does not know yet (see {@link org.lifeline.contracts.ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

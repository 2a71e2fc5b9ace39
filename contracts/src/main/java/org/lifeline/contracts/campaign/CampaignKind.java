package org.lifeline.contracts.campaign;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** The kind of crisis a campaign responds to. */
public enum CampaignKind {
    EARTHQUAKE, FLOOD, TYPHOON, WILDFIRE, EPIDEMIC, CONFLICT, OTHER,
    /** A value this reader does not know yet (see {@link org.lifeline.contracts.ContractJson}). */
    @JsonEnumDefaultValue
    UNKNOWN
}

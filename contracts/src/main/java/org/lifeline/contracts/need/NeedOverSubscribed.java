package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** More is reserved than requested; the coordinator chooses which pledges to cancel. */
public record NeedOverSubscribed(UUID needId, int requested, int reserved) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedOverSubscribed", 1);
}

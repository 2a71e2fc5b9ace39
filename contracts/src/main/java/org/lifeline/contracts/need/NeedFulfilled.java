package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** Everything requested has been delivered. */
public record NeedFulfilled(UUID needId, int requested, int delivered) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedFulfilled", 1);
}

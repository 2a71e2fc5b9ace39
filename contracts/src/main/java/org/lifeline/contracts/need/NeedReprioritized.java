package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The urgency changed. */
public record NeedReprioritized(UUID needId, Urgency from, Urgency to) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedReprioritized", 1);
}

package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The need was cancelled; donations releases its active pledges. */
public record NeedCancelled(UUID needId, int reserved) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedCancelled", 1);
}

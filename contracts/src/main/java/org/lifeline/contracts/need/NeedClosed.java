package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** Closed as fulfilled; donations releases what is still only reserved. */
public record NeedClosed(UUID needId, int requested, int reserved, int delivered) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedClosed", 1);
}

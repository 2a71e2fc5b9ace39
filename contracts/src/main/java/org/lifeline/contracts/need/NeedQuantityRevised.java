package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The requested quantity changed from {@code from} to {@code to}; no pledge is dropped by it. */
public record NeedQuantityRevised(UUID needId, int from, int to) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedQuantityRevised", 1);
}

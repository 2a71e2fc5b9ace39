package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The need lapsed; donations releases its active pledges ({@code reserved} in all). */
public record NeedExpired(UUID needId, ExpiryReason reason, int reserved) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedExpired", 1);
}

package org.lifeline.contracts.offer;

import org.lifeline.contracts.CloudEventTypes;

import java.util.List;
import java.util.UUID;

/** The matcher's needs for an offer, best first. */
public record MatchProposed(UUID offerId, List<Proposal> proposals) {
    public static final String TYPE = CloudEventTypes.of("offer", "MatchProposed", 1);

    public MatchProposed {
        proposals = proposals == null ? List.of() : List.copyOf(proposals);
    }

    /** One need the offer could go to, with its fit score and distance from the offer. */
    public record Proposal(UUID needId, double score, double distanceKm) {
    }
}

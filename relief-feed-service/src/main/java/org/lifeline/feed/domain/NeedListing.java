package org.lifeline.feed.domain;

import java.time.Instant;
import java.util.UUID;
import org.lifeline.contracts.Sector;
import org.lifeline.contracts.Site;
import org.lifeline.contracts.need.Urgency;

/**
 * A need as the public feed shows it (the fields of {@code GET /api/v1/needs/{id}} plus its organisation).
 * {@code site} is already the public site; {@code outstanding} may be negative while over-subscribed;
 * {@code version} is the need's stream version and {@code updatedAt} the time of its latest event.
 */
public record NeedListing(UUID id, UUID campaignId, UUID organisationId, Sector sector, String item, String unit,
                          int requested, int reserved, int delivered, int outstanding, Urgency urgency,
                          NeedStatus status, boolean stale, Site site, Instant neededBy, Instant postedAt,
                          Instant updatedAt, long version) {

    /** 0 for CRITICAL … 3 for LOW; an urgency this reader does not know sorts last. */
    public int urgencyRank() {
        return urgencyRank(urgency);
    }

    /** The sort rank of an urgency, most urgent first. */
    public static int urgencyRank(Urgency urgency) {
        return switch (urgency) {
            case CRITICAL -> 0;
            case HIGH -> 1;
            case MEDIUM -> 2;
            case LOW -> 3;
            case UNKNOWN -> 4;
        };
    }
}

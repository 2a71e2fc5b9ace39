package org.lifeline.donations.domain.offer;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An open need as the matcher sees it: what it asks for, how much of it is still outstanding
 * ({@code requested − reserved}, from the pledge ledger), how urgent, where and by when. {@code site} is
 * the point distances are measured to: for an APPROXIMATE site, the rounded point the public sees.
 */
public record NeedCandidate(UUID needId, UUID campaignId, Sector sector, String item, String unit, int outstanding,
                            Urgency urgency, Coordinates site, Instant neededBy) {

    public NeedCandidate {
        Objects.requireNonNull(needId, "needId");
        Objects.requireNonNull(sector, "sector");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(site, "site");
    }
}

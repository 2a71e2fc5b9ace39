package org.lifeline.donations.domain.need;

import java.util.Objects;
import java.util.UUID;

/** What the pledge ledger needs to know about a need: whose it is, how much it asks for, and whether it is open. */
public record NeedCapacity(UUID needId, UUID campaignId, UUID organisationId, int requested, NeedStatus status) {

    public NeedCapacity {
        Objects.requireNonNull(needId, "needId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(status, "status");
    }

    public boolean isOpen() {
        return status == NeedStatus.OPEN;
    }
}

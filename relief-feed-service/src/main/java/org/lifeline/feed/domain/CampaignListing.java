package org.lifeline.feed.domain;

import java.time.Instant;
import java.util.UUID;
import org.lifeline.contracts.Coordinates;
import org.lifeline.contracts.campaign.CampaignKind;

/** A campaign as the public feed shows it; {@code status} is ACTIVE or CLOSED. */
public record CampaignListing(UUID id, UUID organisationId, CampaignKind kind, String title, String region,
                              Coordinates location, String description, String glide, String status,
                              Instant openedAt, Instant closedAt, Instant updatedAt, long version) {

    public static final String ACTIVE = "ACTIVE";
    public static final String CLOSED = "CLOSED";
}

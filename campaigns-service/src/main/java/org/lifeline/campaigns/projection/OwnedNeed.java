package org.lifeline.campaigns.projection;

import java.util.UUID;

/** A need as read, with the organisation it belongs to: whose coordinators may see its exact site. */
public record OwnedNeed(UUID organisationId, NeedView view) {
}

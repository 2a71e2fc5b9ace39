package org.lifeline.campaigns.application;

import org.lifeline.support.Caller;
import org.lifeline.support.Roles;

import java.util.Set;
import java.util.UUID;

/** Who sends a command: the account (token subject), whether an admin, and the organisations it coordinates for. */
public record Actor(String subject, boolean admin, Set<UUID> coordinates) {

    /** Read from the request's token up front, before the command leaves the request context; 401 when anonymous. */
    public static Actor of(Caller caller) {
        String subject = caller.accountId().toString();
        return new Actor(subject, caller.hasRole(Roles.ADMIN),
                caller.hasRole(Roles.COORDINATOR) ? caller.organisations() : Set.of());
    }

    /** Admins act for any organisation; coordinators for their own. */
    public boolean mayActFor(UUID organisationId) {
        return admin || coordinates.contains(organisationId);
    }
}

package org.lifeline.donations.application;

import org.lifeline.support.Caller;
import org.lifeline.support.Roles;

import java.util.Set;
import java.util.UUID;

/** Who sends a command: the account (token subject), its roles that matter here, and the organisations it coordinates for. */
public record Actor(String subject, boolean donor, boolean admin, Set<UUID> coordinates) {

    /** Read from the request's token up front, before the command leaves the request context; 401 when anonymous. */
    public static Actor of(Caller caller) {
        String subject = caller.accountId().toString();
        return new Actor(subject, caller.hasRole(Roles.DONOR), caller.hasRole(Roles.ADMIN),
                caller.hasRole(Roles.COORDINATOR) ? caller.organisations() : Set.of());
    }

    public UUID accountId() {
        return UUID.fromString(subject);
    }

    /** Whether this account made the pledge. */
    public boolean isDonor(UUID donorId) {
        return subject.equals(donorId.toString());
    }

    /** Admins act for any organisation; coordinators for their own. */
    public boolean mayActFor(UUID organisationId) {
        return admin || coordinates.contains(organisationId);
    }
}

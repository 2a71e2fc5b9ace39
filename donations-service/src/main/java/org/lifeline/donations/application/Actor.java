package org.lifeline.donations.application;

import org.lifeline.support.Caller;
import org.lifeline.support.Roles;

import java.util.Set;
import java.util.UUID;

/**
 * Who sends a command: the account (the token's subject), whether it is a donor or an admin, and the
 * organisations it coordinates for. Read from the token up front, before the command leaves the request.
 */
public record Actor(UUID accountId, boolean donor, boolean admin, Set<UUID> coordinates) {

    /** 401 for an anonymous caller or a partner (partners neither pledge, give nor offer). */
    public static Actor of(Caller caller) {
        return new Actor(caller.accountId(), caller.hasRole(Roles.DONOR), caller.hasRole(Roles.ADMIN),
                caller.hasRole(Roles.COORDINATOR) ? caller.organisations() : Set.of());
    }

    /** The account as events and idempotency records name it. */
    public String subject() {
        return accountId.toString();
    }

    /** Whether this account is the donor of a pledge, donation or offer. */
    public boolean isDonor(UUID donorId) {
        return accountId.equals(donorId);
    }

    /** Admins act for any organisation; coordinators for their own (none for an unknown organisation). */
    public boolean mayActFor(UUID organisationId) {
        return admin || (organisationId != null && coordinates.contains(organisationId));
    }
}

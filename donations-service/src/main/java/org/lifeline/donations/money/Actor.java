package org.lifeline.donations.money;

import org.lifeline.support.Caller;
import org.lifeline.support.Roles;

import java.util.Set;
import java.util.UUID;

/**
 * Who sends a money or offer command: the account, whether it is a donor or an admin, and the
 * organisations it coordinates for. Read from the token up front, before the command leaves the request.
 */
public record Actor(UUID accountId, boolean donor, boolean admin, Set<UUID> coordinates) {

    /** 401 for an anonymous caller or a partner (partners neither give nor offer). */
    public static Actor of(Caller caller) {
        UUID account = caller.accountId();
        return new Actor(account, caller.hasRole(Roles.DONOR), caller.hasRole(Roles.ADMIN),
                caller.hasRole(Roles.COORDINATOR) ? caller.organisations() : Set.of());
    }

    public String subject() {
        return accountId.toString();
    }

    /** Admins act for any organisation; coordinators for their own. */
    public boolean mayActFor(UUID organisationId) {
        return admin || (organisationId != null && coordinates.contains(organisationId));
    }
}

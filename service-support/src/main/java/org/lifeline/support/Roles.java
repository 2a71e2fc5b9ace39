package org.lifeline.support;

/** The roles a Lifeline token carries in its {@code groups} claim. */
public final class Roles {

    public static final String DONOR = "donor";
    public static final String COORDINATOR = "coordinator";
    public static final String ADMIN = "admin";
    /** A partner's API client, in the short-lived tokens the gateway mints for an API key. */
    public static final String PARTNER = "partner";

    private Roles() {
    }
}

package org.lifeline.kernel;

/** A command that the current state forbids; deciders throw it, the API layer turns it into a 409 or 422. */
public class Rejected extends RuntimeException {
    private final String code;

    public Rejected(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Rejected(String message) {
        this("rejected", message);
    }

    /** A stable, machine-readable reason, e.g. {@code need-closed}. */
    public String code() {
        return code;
    }
}

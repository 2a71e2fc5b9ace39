package org.lifeline.kernel.idempotency;

/** The idempotency key was used before by the same caller for a different request. */
public final class IdempotencyConflict extends RuntimeException {

    public IdempotencyConflict(String key) {
        super("Idempotency-Key '" + key + "' was already used with a different request", null, false, false);
    }
}

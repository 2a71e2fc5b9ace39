package org.lifeline.kernel.consumer;

/** An event no retry can apply (malformed, unknown, breaking a rule): it goes to the dead-letter topic. */
public final class PoisonEvent extends RuntimeException {

    public PoisonEvent(String message) {
        super(message);
    }

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.lifeline.launcher;

/** The local stack could not start; the message says why and what to do. */
public final class StartupException extends Exception {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

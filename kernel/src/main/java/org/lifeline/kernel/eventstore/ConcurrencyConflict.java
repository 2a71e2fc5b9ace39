package org.lifeline.kernel.eventstore;

/** The stream was not at the expected version: someone else appended first. Re-read and decide again. */
public final class ConcurrencyConflict extends RuntimeException {
    private final String streamId;
    private final long expectedVersion;

    public ConcurrencyConflict(String streamId, long expectedVersion) {
        super("stream " + streamId + " is not at version " + expectedVersion, null, false, false);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}

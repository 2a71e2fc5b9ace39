package org.lifeline.kernel;

import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.NewEvent;

import java.time.Instant;
import java.util.UUID;

/** Small events for kernel tests. */
public final class TestEvents {

    private TestEvents() {
    }

    public static NewEvent event(String type, String payload) {
        return new NewEvent(UUID.randomUUID(), type, 1, payload,
                new EventMetadata(UUID.randomUUID(), null, "test", null, Instant.now()));
    }

    public static NewEvent counted(int n) {
        return event("Counted", "{\"n\":" + n + "}");
    }
}

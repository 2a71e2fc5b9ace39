package org.lifeline.feed.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery given up after its last attempt. {@code lastStatus} is the receiver's last HTTP status (null when
 * it never answered: {@code lastError} says why); {@code redeliveredAt} is set once a redelivery covered it.
 */
public record DeadLetterView(UUID id, long position, UUID eventId, String type, int attempts, Integer lastStatus,
                             String lastError, Instant deadLetteredAt, Instant redeliveredAt) {
}

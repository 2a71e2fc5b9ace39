package org.lifeline.feed.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as its partner sees it (never with its secret). {@code position} is the last feed position
 * it is done with: delivered, skipped by its filter, or dead-lettered.
 */
public record WebhookView(UUID id, String url, List<String> eventTypes, Instant createdAt, long position) {
}

package org.lifeline.feed.webhook;

import java.time.Instant;
import java.util.UUID;

/** One row of the feed log: what webhooks deliver. {@code data} is the public read model as JSON text. */
record FeedEntry(long position, UUID eventId, String type, Instant occurredAt, String data) {
}

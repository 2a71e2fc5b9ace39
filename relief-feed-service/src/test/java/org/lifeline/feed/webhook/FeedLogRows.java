package org.lifeline.feed.webhook;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/** Appends feed-log rows the way the relief-feed projector does (position from the counter, then NOTIFY). */
final class FeedLogRows {

    /** An appended row. */
    record Row(long position, String eventId, String type) {
    }

    private final Pool pool;

    FeedLogRows(Pool pool) {
        this.pool = pool;
    }

    Row append(String type, String data) {
        return append(UUID.randomUUID(), type, data);
    }

    Row append(UUID eventId, String type, String data) {
        String kind = type.substring(0, type.indexOf('.'));
        long position = pool.withTransaction(tx -> tx.preparedQuery("""
                        WITH next AS (UPDATE feed_counter SET last_position = last_position + 1 RETURNING last_position)
                        INSERT INTO feed_log (position, event_id, kind, type, campaign_id, subject, occurred_at, data)
                        SELECT last_position, $1, $2, $3, $4, $5, $6, $7::text::jsonb FROM next
                        RETURNING position""")
                        .execute(Tuple.tuple(Arrays.asList(eventId, kind, type, UUID.randomUUID(),
                                UUID.randomUUID().toString(),
                                Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), data))))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("position");
        pool.query("SELECT pg_notify('lifeline_feed', last_position::text) FROM feed_counter").execute()
                .await().atMost(Duration.ofSeconds(10));
        return new Row(position, eventId.toString(), type);
    }

    Row append(String type) {
        return append(UUID.randomUUID(), type);
    }

    Row append(UUID eventId, String type) {
        return append(eventId, type, "{\"needId\": \"" + UUID.randomUUID() + "\", \"item\": \"blankets\", \"requested\": 500}");
    }
}

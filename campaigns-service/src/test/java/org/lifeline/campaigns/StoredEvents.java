package org.lifeline.campaigns;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;

/** Reads the service's event store directly, for tests. */
public final class StoredEvents {

    private StoredEvents() {
    }

    /** When the stream's first event was recorded: the stream as it stood then is version 1. */
    public static Instant firstRecorded(Pool pool, String streamId) {
        return pool.preparedQuery("SELECT recorded_at FROM events WHERE stream_id = $1 AND version = 1")
                .execute(Tuple.of(streamId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getOffsetDateTime("recorded_at").toInstant();
    }
}

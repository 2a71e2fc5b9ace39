package org.lifeline.bench;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.lifeline.kernel.eventstore.NewEvent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Prototype of a further step for EventStore.append: its two statements (the events INSERT guarded by the
 * expected version, then the outbox INSERT) fused into one with data-modifying CTEs, which saves a round
 * trip per append. The outbox rows are computed before the insert (their content does not depend on the
 * global position), here as {@code Publication.allTo(topic)} would make them.
 */
final class FusedAppend {

    private static final String APPEND_AND_ENQUEUE = """
            WITH appended AS (
                INSERT INTO events (event_id, stream_id, stream_type, version, event_type, schema_version, payload,
                                    correlation_id, causation_id, actor, idempotency_key, occurred_at)
                SELECT e.event_id, $1, $2, $3 + e.ord, e.event_type, e.schema_version, e.payload::jsonb,
                       e.correlation_id, e.causation_id, e.actor, e.idempotency_key, e.occurred_at
                FROM unnest($4::uuid[], $5::text[], $6::int[], $7::text[], $8::uuid[], $9::uuid[], $10::text[],
                            $11::text[], $12::timestamptz[])
                     WITH ORDINALITY AS e(event_id, event_type, schema_version, payload, correlation_id, causation_id,
                                          actor, idempotency_key, occurred_at, ord)
                WHERE (SELECT coalesce(max(version), 0) FROM events WHERE stream_id = $1) = $3
                RETURNING global_position, event_id, version, recorded_at, occurred_at, correlation_id, causation_id
            ), enqueued AS (
                INSERT INTO outbox (topic, message_key, event_id, event_type, source, subject, event_time,
                                    stream_version, correlation_id, causation_id, payload)
                SELECT m.topic, $1, a.event_id, m.event_type, $13, $1, a.occurred_at, a.version, a.correlation_id,
                       a.causation_id, m.payload
                FROM appended a JOIN unnest($14::uuid[], $15::text[], $16::text[], $17::text[])
                                     AS m(event_id, topic, event_type, payload) USING (event_id)
            )
            SELECT global_position, event_id, version, recorded_at FROM appended
            """;

    private final String source;
    private final String topic;

    FusedAppend(String source, String topic) {
        this.source = source;
        this.topic = topic;
    }

    /** Appends and enqueues in one statement; fails when the stream is not at the expected version. */
    Uni<Void> append(SqlClient tx, String streamId, String streamType, long expectedVersion, List<NewEvent> events) {
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        Integer[] schemaVersions = new Integer[n];
        String[] payloads = new String[n];
        UUID[] correlations = new UUID[n];
        UUID[] causations = new UUID[n];
        String[] actors = new String[n];
        String[] keys = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] topics = new String[n];
        String[] cloudEventTypes = new String[n];
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            ids[i] = e.eventId();
            types[i] = e.type();
            schemaVersions[i] = e.schemaVersion();
            payloads[i] = e.payload();
            correlations[i] = e.metadata().correlationId();
            causations[i] = e.metadata().causationId();
            actors[i] = e.metadata().actor();
            keys[i] = e.metadata().idempotencyKey();
            times[i] = e.metadata().occurredAt().atOffset(ZoneOffset.UTC);
            topics[i] = topic;
            cloudEventTypes[i] = "org.lifeline." + streamType + "." + e.type() + ".v" + e.schemaVersion();
        }
        Tuple params = Tuple.tuple(List.of(streamId, streamType, expectedVersion, ids, types, schemaVersions,
                payloads, correlations, causations, actors, keys, times, source, ids, topics, cloudEventTypes,
                payloads));
        return tx.preparedQuery(APPEND_AND_ENQUEUE).execute(params).flatMap(rows -> rows.rowCount() == n
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new IllegalStateException(streamId + " is not at " + expectedVersion)));
    }
}

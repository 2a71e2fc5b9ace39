package org.lifeline.kernel.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL event store: streams of events with optimistic concurrency on the stream version,
 * and the outbox rows of the published ones written in the same transaction. After that
 * transaction commits, poke the {@link org.lifeline.kernel.outbox.OutboxSignal} (the
 * {@link org.lifeline.kernel.idempotency.CommandExecutor} does). The pool should cache prepared
 * statements ({@code cachePreparedStatements}): without the cache every statement is parsed and
 * planned again, which halves the append rate.
 */
public final class EventStore {

    /** The version of a stream that has no events yet. */
    public static final long NO_STREAM = 0;

    private static final String COLUMNS = "global_position, event_id, stream_id, stream_type, version, event_type, "
            + "schema_version, payload::text, correlation_id, causation_id, actor, idempotency_key, occurred_at, "
            + "recorded_at";

    // One statement: appends only when the stream is still at the expected version. A concurrent
    // writer that passed the same check meets the unique (stream_id, version) constraint instead.
    private static final String APPEND = """
            INSERT INTO events (event_id, stream_id, stream_type, version, event_type, schema_version, payload,
                                correlation_id, causation_id, actor, idempotency_key, occurred_at)
            SELECT e.event_id, $1, $2, $3 + e.ord, e.event_type, e.schema_version, e.payload::jsonb,
                   e.correlation_id, e.causation_id, e.actor, e.idempotency_key, e.occurred_at
            FROM unnest($4::uuid[], $5::text[], $6::int[], $7::text[], $8::uuid[], $9::uuid[], $10::text[],
                        $11::text[], $12::timestamptz[])
                 WITH ORDINALITY AS e(event_id, event_type, schema_version, payload, correlation_id, causation_id,
                                      actor, idempotency_key, occurred_at, ord)
            WHERE (SELECT coalesce(max(version), 0) FROM events WHERE stream_id = $1) = $3
            RETURNING global_position, event_id, version, recorded_at
            """;

    private static final String ENQUEUE = """
            INSERT INTO outbox (topic, message_key, event_id, event_type, source, subject, event_time, stream_version,
                                correlation_id, causation_id, actor, payload)
            SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                                 $7::timestamptz[], $8::bigint[], $9::uuid[], $10::uuid[], $11::text[], $12::text[])
            """;

    private final Pool pool;
    private final String source;
    private final Publication publication;

    /**
     * @param source      the CloudEvents source of what this store publishes, e.g. {@code /campaigns-service}
     * @param publication which events go to the outbox, and as what
     */
    public EventStore(Pool pool, String source, Publication publication) {
        this.pool = pool;
        this.source = source;
        this.publication = publication;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Appends events to a stream that must be at {@code expectedVersion} ({@link #NO_STREAM} for a new
     * one), within the caller's transaction, and enqueues their publication. Fails with
     * {@link ConcurrencyConflict} when the stream has moved on.
     */
    public Uni<List<RecordedEvent>> append(SqlClient tx, String streamId, String streamType, long expectedVersion,
                                           List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
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
        }
        Tuple params = Tuple.tuple(List.of(streamId, streamType, expectedVersion, ids, types, schemaVersions,
                payloads, correlations, causations, actors, keys, times));
        return tx.preparedQuery(APPEND).execute(params)
                .onFailure(EventStore::isStreamVersionClash)
                .transform(e -> new ConcurrencyConflict(streamId, expectedVersion))
                .flatMap(rows -> {
                    if (rows.rowCount() != n) {
                        return Uni.createFrom().failure(new ConcurrencyConflict(streamId, expectedVersion));
                    }
                    List<RecordedEvent> recorded = new ArrayList<>(n);
                    for (Row row : rows) {
                        int i = (int) (row.getLong("version") - expectedVersion - 1);
                        NewEvent e = events.get(i);
                        recorded.add(new RecordedEvent(row.getLong("global_position"), e.eventId(), streamId,
                                streamType, row.getLong("version"), e.type(), e.schemaVersion(), e.payload(),
                                e.metadata(), instant(row, "recorded_at")));
                    }
                    recorded.sort((a, b) -> Long.compare(a.version(), b.version()));
                    return enqueue(tx, recorded).replaceWith(recorded);
                });
    }

    /** All events of a stream, oldest first, read on a connection of the pool. */
    public Uni<List<RecordedEvent>> load(String streamId) {
        return load(pool, streamId);
    }

    /**
     * All events of a stream, oldest first, read through {@code client}: a command passes its own
     * transaction, so it reads after the locks it took and holds one pooled connection, not two (a
     * burst of commands waiting on each other cannot use up the pool).
     */
    public Uni<List<RecordedEvent>> load(SqlClient client, String streamId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM events WHERE stream_id = $1 ORDER BY version")
                .execute(Tuple.of(streamId))
                .map(EventStore::toEvents);
    }

    /**
     * All events of a stream of {@code streamType}, oldest first, read through {@code client}; empty when
     * the id names no stream or a stream of another type (a campaign id given where a need id belongs
     * is then an unknown need, not an undecodable one).
     */
    public Uni<List<RecordedEvent>> load(SqlClient client, String streamType, String streamId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM events WHERE stream_id = $1 AND stream_type = $2"
                        + " ORDER BY version")
                .execute(Tuple.of(streamId, streamType))
                .map(EventStore::toEvents);
    }

    /** {@link #load(SqlClient, String, String)} on a connection of the pool. */
    public Uni<List<RecordedEvent>> load(String streamType, String streamId) {
        return load(pool, streamType, streamId);
    }

    /** {@link #loadAsOf(String, Instant)} of a stream of {@code streamType}; empty for a stream of another type. */
    public Uni<List<RecordedEvent>> loadAsOf(String streamType, String streamId, Instant asOf) {
        return loadAsOf(streamId, asOf).map(events -> events.isEmpty() || streamType.equals(events.getFirst().streamType())
                ? events : List.of());
    }

    /**
     * The stream as it stood at {@code asOf} (time travel), oldest first: the events up to the last
     * version recorded by then. A prefix of versions, never a gap, even where a transaction that
     * started earlier appended a later version.
     */
    public Uni<List<RecordedEvent>> loadAsOf(String streamId, Instant asOf) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM events WHERE stream_id = $1 AND version <="
                        + " (SELECT max(version) FROM events WHERE stream_id = $1 AND recorded_at <= $2)"
                        + " ORDER BY version")
                .execute(Tuple.of(streamId, asOf.atOffset(ZoneOffset.UTC)))
                .map(EventStore::toEvents);
    }

    /**
     * Events of all streams after a global position, in position order. Stops before any position a
     * still-open transaction may fill in later, so a reader that resumes from the last position it
     * saw misses nothing.
     */
    public Uni<List<RecordedEvent>> readAll(long afterPosition, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM events WHERE global_position > $1"
                        + " AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())"
                        + " ORDER BY global_position LIMIT $2")
                .execute(Tuple.of(afterPosition, limit))
                .map(EventStore::toEvents);
    }

    /** The current version of a stream ({@link #NO_STREAM} when it has no events). */
    public Uni<Long> version(String streamId) {
        return pool.preparedQuery("SELECT coalesce(max(version), 0) AS v FROM events WHERE stream_id = $1")
                .execute(Tuple.of(streamId))
                .map(rows -> rows.iterator().next().getLong("v"));
    }

    private Uni<Void> enqueue(SqlClient tx, List<RecordedEvent> recorded) {
        List<RecordedEvent> published = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        for (RecordedEvent event : recorded) {
            Optional<OutboxMessage> message = publication.messageFor(event);
            if (message.isPresent()) {
                published.add(event);
                messages.add(message.get());
            }
        }
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = messages.size();
        String[] topics = new String[n];
        String[] keys = new String[n];
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] subjects = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Long[] versions = new Long[n];
        UUID[] correlations = new UUID[n];
        UUID[] causations = new UUID[n];
        String[] actors = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            RecordedEvent e = published.get(i);
            OutboxMessage m = messages.get(i);
            topics[i] = m.topic();
            keys[i] = e.streamId();
            ids[i] = e.eventId();
            types[i] = m.cloudEventType();
            sources[i] = source;
            subjects[i] = e.streamId();
            times[i] = e.metadata().occurredAt().atOffset(ZoneOffset.UTC);
            versions[i] = e.version();
            correlations[i] = e.metadata().correlationId();
            causations[i] = e.metadata().causationId();
            actors[i] = e.metadata().actor();
            payloads[i] = m.payload();
        }
        return tx.preparedQuery(ENQUEUE)
                .execute(Tuple.tuple(List.of(topics, keys, ids, types, sources, subjects, times, versions,
                        correlations, causations, actors, payloads)))
                .replaceWithVoid();
    }

    private static boolean isStreamVersionClash(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "events_stream_version".equals(pg.getConstraint());
    }

    private static List<RecordedEvent> toEvents(RowSet<Row> rows) {
        List<RecordedEvent> events = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            events.add(new RecordedEvent(
                    row.getLong("global_position"),
                    row.getUUID("event_id"),
                    row.getString("stream_id"),
                    row.getString("stream_type"),
                    row.getLong("version"),
                    row.getString("event_type"),
                    row.getInteger("schema_version"),
                    row.getString("payload"),
                    new EventMetadata(row.getUUID("correlation_id"), row.getUUID("causation_id"),
                            row.getString("actor"), row.getString("idempotency_key"), instant(row, "occurred_at")),
                    instant(row, "recorded_at")));
        }
        return events;
    }

    static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}

package org.lifeline.donations.money;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.RecordedEvent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stream's events on the command's own transaction. The kernel's {@code EventStore.load} takes a
 * second pooled connection while the command holds one: a burst of donations on one pool would then use
 * up the pool with transactions waiting on each other's loads.
 */
@ApplicationScoped
public class TransactionalStreams {

    private static final String COLUMNS = "global_position, event_id, stream_id, stream_type, version, event_type,"
            + " schema_version, payload::text AS payload, correlation_id, causation_id, actor, idempotency_key,"
            + " occurred_at, recorded_at";

    /** All events of the stream, oldest first. */
    public Uni<List<RecordedEvent>> load(SqlClient client, String streamId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM events WHERE stream_id = $1 ORDER BY version")
                .execute(Tuple.of(streamId))
                .map(rows -> {
                    List<RecordedEvent> events = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        events.add(new RecordedEvent(row.getLong("global_position"), row.getUUID("event_id"),
                                row.getString("stream_id"), row.getString("stream_type"), row.getLong("version"),
                                row.getString("event_type"), row.getInteger("schema_version"),
                                row.getString("payload"),
                                new EventMetadata(row.getUUID("correlation_id"), row.getUUID("causation_id"),
                                        row.getString("actor"), row.getString("idempotency_key"),
                                        instant(row, "occurred_at")),
                                instant(row, "recorded_at")));
                    }
                    return events;
                });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}

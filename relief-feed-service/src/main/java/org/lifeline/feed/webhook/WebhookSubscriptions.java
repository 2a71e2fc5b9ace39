package org.lifeline.feed.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code webhook_subscriptions} and {@code webhook_dead_letters} tables as partners see them: each partner
 * only ever reaches its own rows. Changes notify {@code lifeline_webhooks} with the subscription's id, so the
 * instance delivering it reacts at once; the NOTIFY is inside the transaction (sent on commit) because these
 * writes are rare and must not be lost between commit and signal.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    static final String CHANNEL = "lifeline_webhooks";
    /**
     * The first key of the partners' advisory locks ("WH"); the second is the partner's. Two-key advisory locks never
     * meet the one-key locks other code takes.
     */
    private static final int PARTNER_LOCKS = 0x5748;
    private static final String COLUMNS = "id, url, event_types, created_at, cursor_position";

    private final Pool pool;

    WebhookSubscriptions(Pool pool) {
        this.pool = pool;
    }

    /**
     * How many subscriptions the partner holds, with the partner's lock taken until the transaction ends: two
     * creations for one partner run one after the other, so a count checked here stays true until commit.
     */
    public Uni<Long> countLocked(SqlClient tx, UUID partnerId) {
        return tx.preparedQuery("SELECT true AS locked FROM pg_advisory_xact_lock($1, hashtext($2))")
                .execute(Tuple.of(PARTNER_LOCKS, partnerId.toString()))
                .flatMap(locked -> tx.preparedQuery("SELECT count(*) AS held FROM webhook_subscriptions"
                        + " WHERE partner_id = $1").execute(Tuple.of(partnerId)))
                .map(rows -> rows.iterator().next().getLong("held"));
    }

    /**
     * Stores a subscription that starts after the feed's current head, or just before {@code fromPosition} (never
     * past the head, so no event is skipped).
     */
    public Uni<WebhookView> create(SqlClient tx, UUID id, UUID partnerId, String url, List<String> eventTypes,
                                   String secret, Instant createdAt, Long fromPosition) {
        return tx.preparedQuery("""
                        INSERT INTO webhook_subscriptions (id, partner_id, url, event_types, secret, created_at,
                                                           cursor_position)
                        SELECT $1, $2, $3, $4, $5, $6,
                               CASE WHEN $7::bigint IS NULL THEN head ELSE LEAST($7::bigint - 1, head) END
                        FROM (SELECT COALESCE(MAX(position), 0) AS head FROM feed_log) feed
                        RETURNING""" + " " + COLUMNS)
                .execute(Tuple.tuple(Arrays.asList(id, partnerId, url, eventTypes.toArray(String[]::new), secret,
                        time(createdAt), fromPosition)))
                .map(rows -> view(rows.iterator().next()))
                .call(() -> notify(tx, id));
    }

    public Uni<Optional<WebhookView>> find(UUID partnerId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = $1 AND partner_id = $2")
                .execute(Tuple.of(id, partnerId))
                .map(WebhookSubscriptions::first);
    }

    /** Up to {@code limit} of the partner's subscriptions after {@code after} (null: from the oldest), oldest first. */
    public Uni<List<WebhookView>> list(UUID partnerId, PageCursor after, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE partner_id = $1"
                        + " AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))"
                        + " ORDER BY created_at, id LIMIT $4")
                .execute(Tuple.tuple(Arrays.asList(partnerId, after == null ? null : time(after.time()),
                        after == null ? null : after.id(), limit)))
                .map(rows -> {
                    List<WebhookView> views = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    /** Removes the subscription and its dead letters; false when the partner has no such subscription. */
    public Uni<Boolean> delete(SqlClient tx, UUID partnerId, UUID id) {
        return tx.preparedQuery("DELETE FROM webhook_subscriptions WHERE id = $1 AND partner_id = $2")
                .execute(Tuple.of(id, partnerId))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : notify(tx, id).replaceWith(true));
    }

    /**
     * Moves the subscription's cursor back to just before {@code fromPosition} (never forward: nothing is skipped)
     * and starts a new generation, so a deliverer busy with a later event stops and starts again from there. Dead
     * letters at or after the position are marked redelivered.
     */
    public Uni<Optional<WebhookView>> redeliver(SqlClient tx, UUID partnerId, UUID id, long fromPosition) {
        // The attempts counted belong to the old generation: the replay starts each event afresh.
        return tx.preparedQuery("UPDATE webhook_subscriptions"
                        + " SET cursor_position = LEAST(cursor_position, $3::bigint - 1), generation = generation + 1, "
                        + DeliveryState.NO_ATTEMPTS + " WHERE id = $1 AND partner_id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, partnerId, fromPosition))
                .map(WebhookSubscriptions::first)
                .call(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("UPDATE webhook_dead_letters SET redelivered_at = clock_timestamp()"
                                        + " WHERE subscription_id = $1 AND position >= $2 AND redelivered_at IS NULL")
                                .execute(Tuple.of(id, fromPosition))
                                .call(() -> notify(tx, id)));
    }

    /** Up to {@code limit} dead letters of a subscription after {@code after} (null: from the oldest), oldest first. */
    public Uni<List<DeadLetterView>> deadLetters(UUID subscriptionId, PageCursor after, int limit) {
        return pool.preparedQuery("""
                        SELECT id, position, event_id, type, attempts, last_status, last_error, dead_lettered_at,
                               redelivered_at
                        FROM webhook_dead_letters
                        WHERE subscription_id = $1 AND ($2::timestamptz IS NULL OR (dead_lettered_at, id) > ($2, $3::uuid))
                        ORDER BY dead_lettered_at, id LIMIT $4""")
                .execute(Tuple.tuple(Arrays.asList(subscriptionId, after == null ? null : time(after.time()),
                        after == null ? null : after.id(), limit)))
                .map(rows -> {
                    List<DeadLetterView> letters = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        OffsetDateTime redelivered = row.getOffsetDateTime("redelivered_at");
                        letters.add(new DeadLetterView(row.getUUID("id"), row.getLong("position"),
                                row.getUUID("event_id"), row.getString("type"), row.getInteger("attempts"),
                                row.getInteger("last_status"), row.getString("last_error"),
                                row.getOffsetDateTime("dead_lettered_at").toInstant(),
                                redelivered == null ? null : redelivered.toInstant()));
                    }
                    return letters;
                });
    }

    private static Uni<Void> notify(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, id.toString())).replaceWithVoid();
    }

    private static Optional<WebhookView> first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next()));
    }

    private static WebhookView view(Row row) {
        return new WebhookView(row.getUUID("id"), row.getString("url"), List.of(row.getArrayOfStrings("event_types")),
                row.getOffsetDateTime("created_at").toInstant(), row.getLong("cursor_position"));
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

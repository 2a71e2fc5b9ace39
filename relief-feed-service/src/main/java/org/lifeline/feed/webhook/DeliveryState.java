package org.lifeline.feed.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What deliverers read and write: leases (which instance delivers a subscription), the feed log, cursors and dead
 * letters. Every write is fenced by the lease owner and the generation, so an instance that lost its lease, or a
 * deliverer overtaken by a redelivery, changes nothing and reloads instead.
 */
@ApplicationScoped
public class DeliveryState {

    /** Clears the attempts at the event a subscription was retrying (SET clause). */
    static final String NO_ATTEMPTS = "attempt_position = NULL, attempts = 0, next_attempt_at = NULL";

    private final Pool pool;

    DeliveryState(Pool pool) {
        this.pool = pool;
    }

    /**
     * Renews this owner's leases and takes every subscription whose lease is free or expired; returns all it holds.
     * Concurrent claimers wait on each row and re-check it, so each subscription has one owner at a time.
     */
    public Uni<Set<UUID>> claim(UUID owner, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE webhook_subscriptions
                        SET lease_owner = $1, lease_expires_at = clock_timestamp() + $2::bigint * interval '1 millisecond'
                        WHERE lease_owner = $1 OR lease_owner IS NULL OR lease_expires_at < clock_timestamp()
                        RETURNING id""")
                .execute(Tuple.of(owner, lease.toMillis()))
                .map(rows -> {
                    Set<UUID> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    /** Gives this owner's subscriptions up at once (at shutdown), so another instance need not wait for expiry. */
    public Uni<Void> release(UUID owner) {
        return pool.preparedQuery("UPDATE webhook_subscriptions SET lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE lease_owner = $1").execute(Tuple.of(owner)).replaceWithVoid();
    }

    /** The subscription while this owner holds it; empty once it is deleted or leased to another instance. */
    Uni<Optional<Subscription>> leased(UUID id, UUID owner) {
        return pool.preparedQuery("""
                        SELECT id, url, secret, event_types, cursor_position, generation, attempt_position, attempts,
                               GREATEST(0, CEIL(EXTRACT(EPOCH FROM next_attempt_at - clock_timestamp()) * 1000))::bigint
                                   AS next_attempt_in_ms
                        FROM webhook_subscriptions WHERE id = $1 AND lease_owner = $2""")
                .execute(Tuple.of(id, owner))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    Long attemptPosition = row.getLong("attempt_position");
                    Long nextIn = row.getLong("next_attempt_in_ms");
                    Subscription.Retrying retrying = attemptPosition == null ? null
                            : new Subscription.Retrying(attemptPosition, row.getInteger("attempts"),
                                    Duration.ofMillis(nextIn == null ? 0 : nextIn));
                    return Optional.of(new Subscription(row.getUUID("id"), URI.create(row.getString("url")),
                            row.getString("secret"), new EventTypes(List.of(row.getArrayOfStrings("event_types"))),
                            row.getLong("cursor_position"), row.getLong("generation"), retrying));
                });
    }

    /** Up to {@code limit} feed entries after {@code position}, in order (positions commit in order, without gaps). */
    Uni<List<FeedEntry>> feedAfter(long position, int limit) {
        return pool.preparedQuery("SELECT position, event_id, type, occurred_at, data::text AS data FROM feed_log"
                        + " WHERE position > $1 ORDER BY position LIMIT $2")
                .execute(Tuple.of(position, limit))
                .map(rows -> {
                    List<FeedEntry> entries = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        entries.add(new FeedEntry(row.getLong("position"), row.getUUID("event_id"),
                                row.getString("type"), row.getOffsetDateTime("occurred_at").toInstant(),
                                row.getString("data")));
                    }
                    return entries;
                });
    }

    /**
     * Records attempt number {@code attempt} at the event at {@code position} before it is sent, with the earliest time
     * of the next one ({@code retryAfter} from now); false (nothing written) when the subscription changed under the
     * deliverer, which then must not send: the new holder may already have sent this position and the next.
     */
    Uni<Boolean> recordAttempt(Subscription subscription, UUID owner, long position, int attempt, Duration retryAfter) {
        return pool.preparedQuery("UPDATE webhook_subscriptions SET attempt_position = $4, attempts = $5,"
                        + " next_attempt_at = clock_timestamp() + $6::bigint * interval '1 millisecond'"
                        + " WHERE id = $1 AND lease_owner = $2 AND generation = $3")
                .execute(Tuple.tuple(Arrays.asList(subscription.id(), owner, subscription.generation(), position,
                        attempt, retryAfter.toMillis())))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Moves the cursor on to {@code position} and forgets the attempts at the event it was retrying (it is done with
     * it); false when the subscription changed under the deliverer.
     */
    Uni<Boolean> advance(Subscription subscription, UUID owner, long position) {
        return pool.preparedQuery("UPDATE webhook_subscriptions SET cursor_position = $4, " + NO_ATTEMPTS
                        + " WHERE id = $1 AND lease_owner = $2 AND generation = $3")
                .execute(Tuple.of(subscription.id(), owner, subscription.generation(), position))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Records a delivery given up and moves the cursor past it, in one transaction; false (and nothing written) when
     * the subscription changed under the deliverer.
     */
    Uni<Boolean> deadLetter(Subscription subscription, UUID owner, FeedEntry entry, int attempts, Integer lastStatus,
                            String lastError) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE webhook_subscriptions SET cursor_position = $4, "
                                + NO_ATTEMPTS + " WHERE id = $1 AND lease_owner = $2 AND generation = $3")
                .execute(Tuple.of(subscription.id(), owner, subscription.generation(), entry.position()))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : tx.preparedQuery("""
                                        INSERT INTO webhook_dead_letters (id, subscription_id, position, event_id, type,
                                                                          attempts, last_status, last_error)
                                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                                .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), subscription.id(),
                                        entry.position(), entry.eventId(), entry.type(), attempts, lastStatus,
                                        lastError)))
                                .replaceWith(true)));
    }
}

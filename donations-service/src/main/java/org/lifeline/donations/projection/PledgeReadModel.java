package org.lifeline.donations.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.domain.pledge.PledgeCancelled;
import org.lifeline.donations.domain.pledge.PledgeConfirmed;
import org.lifeline.donations.domain.pledge.PledgeDelivered;
import org.lifeline.donations.domain.pledge.PledgeDispatched;
import org.lifeline.donations.domain.pledge.PledgeEvent;
import org.lifeline.donations.domain.pledge.PledgeHoldExpired;
import org.lifeline.donations.domain.pledge.PledgeNoShowMarked;
import org.lifeline.donations.domain.pledge.PledgeReserved;
import org.lifeline.support.PagePosition;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code pledges} table: written inline, in the transaction that appends to the ledger, so a
 * read after a command's response always sees it.
 */
@ApplicationScoped
public class PledgeReadModel {

    private static final String COLUMNS = "pledge_id, need_id, campaign_id, organisation_id, donor_id, offer_id,"
            + " policy, requested, reserved, status, hold_expires_at, method, eta, carrier, tracking_ref,"
            + " quantity_received, released, cancelled_by, cancel_reason, note, delivery_note, version, created_at,"
            + " updated_at";

    /** A pledge with the facts that decide who may see and change it. */
    public record Found(PledgeView view, UUID donorId, UUID organisationId) {
    }

    /** A pledge a timer should look at. */
    public record Due(UUID needId, UUID pledgeId, boolean noShow) {
    }

    private final Pool pool;

    public PledgeReadModel(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies one appended event, in the append's transaction.
     *
     * @param version the pledge's version after the event
     * @param note    the request's free-text note (kept here only: it is not part of the event)
     */
    public Uni<Void> apply(SqlClient tx, PledgeEvent event, long version, String note, Instant at) {
        return switch (event) {
            case PledgeReserved e -> execute(tx, "INSERT INTO pledges (pledge_id, need_id, campaign_id, organisation_id,"
                            + " donor_id, offer_id, policy, requested, reserved, status, hold_expires_at, note, version,"
                            + " created_at, updated_at)"
                            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'RESERVED', $10, $11, $12, $13, $13)",
                    e.pledgeId(), e.needId(), e.campaignId(), e.organisationId(), e.donorId(), e.offerId(),
                    e.policy().name(), e.requested(), e.reserved(), time(e.holdExpiresAt()), note, version, time(at));
            case PledgeConfirmed e -> update(tx, e, "status = 'CONFIRMED', method = $4, eta = $5", version, at,
                    e.method().name(), time(e.eta()));
            case PledgeDispatched e -> update(tx, e, "status = 'IN_TRANSIT', carrier = $4, tracking_ref = $5", version,
                    at, e.carrier(), e.trackingRef());
            case PledgeDelivered e -> update(tx, e, "status = 'DELIVERED', quantity_received = $4, released = $5,"
                    + " delivery_note = $6", version, at, e.quantityReceived(), e.released(), note);
            case PledgeCancelled e -> update(tx, e, "status = 'CANCELLED', released = $4, cancelled_by = $5,"
                    + " cancel_reason = $6", version, at, e.released(), e.cancelledBy().name(), e.reason());
            case PledgeHoldExpired e -> update(tx, e, "status = 'HOLD_EXPIRED', released = $4", version, at,
                    e.released());
            case PledgeNoShowMarked e -> update(tx, e, "status = 'NO_SHOW', released = $4", version, at, e.released());
        };
    }

    public Uni<Optional<Found>> find(SqlClient client, UUID pledgeId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM pledges WHERE pledge_id = $1")
                .execute(Tuple.of(pledgeId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(found(rows.iterator().next())));
    }

    public Uni<Optional<Found>> find(UUID pledgeId) {
        return find(pool, pledgeId);
    }

    /** Up to {@code limit} pledges of a donor after {@code after} (null: from the newest), newest first. */
    public Uni<List<PledgeView>> byDonor(UUID donorId, PagePosition after, int limit) {
        return page("donor_id", donorId, after, limit);
    }

    /** Up to {@code limit} pledges on a need after {@code after} (null: from the newest), newest first. */
    public Uni<List<PledgeView>> byNeed(UUID needId, PagePosition after, int limit) {
        return page("need_id", needId, after, limit);
    }

    /**
     * Pledges whose timer is due at {@code now}: holds that lapsed, and confirmed pledges whose ETA
     * passed before {@code etaBefore} (now minus the grace).
     */
    public Uni<List<Due>> due(Instant now, Instant etaBefore, int limit) {
        return pool.preparedQuery("(SELECT need_id, pledge_id, false AS no_show FROM pledges"
                        + " WHERE status = 'RESERVED' AND hold_expires_at <= $1 ORDER BY hold_expires_at LIMIT $3)"
                        + " UNION ALL (SELECT need_id, pledge_id, true FROM pledges"
                        + " WHERE status = 'CONFIRMED' AND eta <= $2 ORDER BY eta LIMIT $3)")
                .execute(Tuple.of(time(now), time(etaBefore), limit))
                .map(rows -> {
                    List<Due> due = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> due.add(new Due(row.getUUID("need_id"), row.getUUID("pledge_id"),
                            row.getBoolean("no_show"))));
                    return due;
                });
    }

    private Uni<List<PledgeView>> page(String column, UUID id, PagePosition after, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM pledges WHERE " + column + " = $1"
                        + " AND ($2::timestamptz IS NULL OR (created_at, pledge_id) < ($2, $3::uuid))"
                        + " ORDER BY created_at DESC, pledge_id DESC LIMIT $4")
                .execute(Tuple.tuple(Arrays.asList(id, after == null ? null : time(after.at()),
                        after == null ? null : after.id(), limit)))
                .map(PledgeReadModel::views);
    }

    private static Uni<Void> update(SqlClient tx, PledgeEvent event, String assignments, long version, Instant at,
                                    Object... values) {
        List<Object> parameters = new ArrayList<>(Arrays.asList(event.pledgeId(), version, time(at)));
        parameters.addAll(Arrays.asList(values));
        return tx.preparedQuery("UPDATE pledges SET " + assignments + ", version = $2, updated_at = $3"
                        + " WHERE pledge_id = $1")
                .execute(Tuple.tuple(parameters))
                .replaceWithVoid();
    }

    private static Uni<Void> execute(SqlClient tx, String sql, Object... parameters) {
        return tx.preparedQuery(sql).execute(Tuple.tuple(Arrays.asList(parameters))).replaceWithVoid();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static List<PledgeView> views(RowSet<Row> rows) {
        List<PledgeView> views = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> views.add(view(row)));
        return views;
    }

    private static Found found(Row row) {
        return new Found(view(row), row.getUUID("donor_id"), row.getUUID("organisation_id"));
    }

    private static PledgeView view(Row row) {
        return new PledgeView(row.getUUID("pledge_id"), row.getUUID("need_id"), row.getUUID("campaign_id"),
                row.getUUID("offer_id"), row.getInteger("requested"), row.getInteger("reserved"),
                row.getString("policy"), row.getString("status"), instant(row, "hold_expires_at"),
                row.getString("method"), instant(row, "eta"), row.getString("carrier"), row.getString("tracking_ref"),
                row.getInteger("quantity_received"), row.getInteger("released"), row.getString("cancelled_by"),
                row.getString("cancel_reason"), row.getString("note"), row.getString("delivery_note"),
                row.getLong("version"), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}

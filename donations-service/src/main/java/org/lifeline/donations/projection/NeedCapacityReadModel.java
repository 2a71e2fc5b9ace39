package org.lifeline.donations.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.domain.need.NeedCapacity;
import org.lifeline.donations.domain.need.NeedStatus;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code need_capacity} table: the local view of needs. Campaigns' events write the need's
 * fields (NeedCapacityProjection); the ledger's transactions write what it holds.
 *
 * <p>Every writer of a need's ledger first moves the row's {@code revision} on from the value it
 * read, and only then appends to the ledger stream. A pledge decided on an old request, status or
 * ledger therefore loses (and is decided again), and since everyone takes the row before the
 * stream, two writers never wait on each other in opposite order.
 */
@ApplicationScoped
public class NeedCapacityReadModel {

    private static final String HELD_BY_PLEDGES = "(SELECT coalesce(sum(CASE WHEN status IN ('RESERVED', 'CONFIRMED',"
            + " 'IN_TRANSIT') THEN reserved WHEN status = 'DELIVERED' THEN quantity_received ELSE 0 END), 0)"
            + " FROM pledges WHERE need_id = $1)";

    /** The need's fields as NeedPosted gives them. */
    public record PostedNeed(UUID needId, UUID campaignId, UUID organisationId, String sector, String item,
                             String unit, int requested, String urgency, String siteName, double siteLat,
                             double siteLon, String sitePrivacy, Instant neededBy, Instant postedAt) {
    }

    public Uni<Optional<NeedCapacityRow>> find(SqlClient client, UUID needId) {
        return client.preparedQuery("SELECT need_id, campaign_id, organisation_id, requested, status, reserved,"
                        + " ledger_version, revision FROM need_capacity WHERE need_id = $1")
                .execute(Tuple.of(needId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
    }

    /** Whether the view has the need, whatever its status: what a command waits for (Arrivals). */
    public Uni<Boolean> exists(SqlClient client, UUID needId) {
        return client.preparedQuery("SELECT 1 FROM need_capacity WHERE need_id = $1").execute(Tuple.of(needId))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Records a posted need. What its ledger already holds is taken from the ledger's tables, which is
     * nothing the first time and the truth when the view is rebuilt from the topic.
     */
    public Uni<Void> insert(SqlClient tx, PostedNeed need, Instant at) {
        return execute(tx, "INSERT INTO need_capacity (need_id, campaign_id, organisation_id, sector, item, unit,"
                        + " urgency, site_name, site_lat, site_lon, site_privacy, needed_by, requested, status, reserved,"
                        + " ledger_version, posted_at, updated_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'OPEN', " + HELD_BY_PLEDGES
                        + ", (SELECT coalesce(max(version), 0) FROM events WHERE stream_id = $1::text), $14, $15)"
                        + " ON CONFLICT (need_id) DO NOTHING",
                need.needId(), need.campaignId(), need.organisationId(), need.sector(), need.item(), need.unit(),
                need.urgency(), need.siteName(), need.siteLat(), need.siteLon(), need.sitePrivacy(),
                time(need.neededBy()), need.requested(), time(need.postedAt()), time(at));
    }

    public Uni<Void> setRequested(SqlClient tx, UUID needId, int requested, Instant at) {
        return change(tx, needId, "requested = $2", requested, at);
    }

    public Uni<Void> setUrgency(SqlClient tx, UUID needId, String urgency, Instant at) {
        return change(tx, needId, "urgency = $2", urgency, at);
    }

    public Uni<Void> setNeededBy(SqlClient tx, UUID needId, Instant neededBy, Instant at) {
        return change(tx, needId, "needed_by = $2", time(neededBy), at);
    }

    public Uni<Void> setStatus(SqlClient tx, UUID needId, NeedStatus status, Instant at) {
        return change(tx, needId, "status = $2", status.name(), at);
    }

    /**
     * Moves the row on from {@code revision} to what the ledger holds after a write; false when
     * someone moved it first (the caller lost the race and decides again).
     */
    public Uni<Boolean> compareAndSet(SqlClient tx, UUID needId, long revision, int reserved, long ledgerVersion,
                                      Instant at) {
        return tx.preparedQuery("UPDATE need_capacity SET reserved = $3, ledger_version = $4, revision = revision + 1,"
                        + " updated_at = $5 WHERE need_id = $1 AND revision = $2")
                .execute(Tuple.tuple(Arrays.asList(needId, revision, reserved, ledgerVersion, time(at))))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> clear(SqlClient tx) {
        return tx.query("DELETE FROM need_capacity").execute().replaceWithVoid();
    }

    private static Uni<Void> change(SqlClient tx, UUID needId, String assignment, Object value, Instant at) {
        return execute(tx, "UPDATE need_capacity SET " + assignment + ", revision = revision + 1, updated_at = $3"
                + " WHERE need_id = $1", needId, value, time(at));
    }

    private static Uni<Void> execute(SqlClient tx, String sql, Object... parameters) {
        return tx.preparedQuery(sql).execute(Tuple.tuple(Arrays.asList(parameters))).replaceWithVoid();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static NeedCapacityRow row(Row row) {
        return new NeedCapacityRow(new NeedCapacity(row.getUUID("need_id"), row.getUUID("campaign_id"),
                row.getUUID("organisation_id"), row.getInteger("requested"),
                NeedStatus.valueOf(row.getString("status"))),
                row.getInteger("reserved"), row.getLong("ledger_version"), row.getLong("revision"));
    }
}

package org.lifeline.campaigns.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.campaigns.domain.need.Need;
import org.lifeline.campaigns.domain.need.NeedStatus;
import org.lifeline.campaigns.domain.need.Sector;
import org.lifeline.campaigns.domain.need.Site;
import org.lifeline.campaigns.domain.need.Urgency;
import org.lifeline.contracts.PublicSites;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code needs} table: the need as its events left it, written inline in the transaction that
 * appends them, so a read after a command's response always sees it.
 */
@ApplicationScoped
public class NeedReadModel {

    private static final String COLUMNS = "id, campaign_id, organisation_id, sector, item, unit, requested, reserved,"
            + " delivered, urgency, status, stale, site_name, site_lat, site_lon, site_privacy, needed_by, posted_at,"
            + " last_confirmed_at, updated_at, version";

    private final Pool pool;

    public NeedReadModel(Pool pool) {
        this.pool = pool;
    }

    /** Writes the need as it stands after an append, at its stream version, in the append's transaction. */
    public Uni<Void> save(SqlClient tx, Need need, long version, Instant updatedAt) {
        Site site = need.site();
        return tx.preparedQuery("INSERT INTO needs (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                        + " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
                        + " ON CONFLICT (id) DO UPDATE SET requested = EXCLUDED.requested,"
                        + " reserved = EXCLUDED.reserved, delivered = EXCLUDED.delivered, urgency = EXCLUDED.urgency,"
                        + " status = EXCLUDED.status, stale = EXCLUDED.stale, needed_by = EXCLUDED.needed_by,"
                        + " last_confirmed_at = EXCLUDED.last_confirmed_at, updated_at = EXCLUDED.updated_at,"
                        + " version = EXCLUDED.version WHERE needs.version < EXCLUDED.version")
                .execute(Tuple.tuple(Arrays.asList(need.needId(), need.campaignId(), need.organisationId(),
                        need.sector().name(), need.item(), need.unit(), need.requested(), need.reserved(),
                        need.delivered(), need.urgency().name(), need.status().name(), need.stale(), site.name(),
                        site.lat(), site.lon(), site.privacy().name(), time(need.neededBy()), time(need.postedAt()),
                        time(need.lastConfirmedAt()), time(updatedAt), version)))
                .replaceWithVoid();
    }

    /** The need with its exact site, and its organisation (who may see that site is the caller's business). */
    public Uni<Optional<OwnedNeed>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM needs WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new OwnedNeed(row.getUUID("organisation_id"), view(row)));
                });
    }

    /**
     * Up to {@code limit} live needs, after {@code after} by id (null: from the first), that the
     * freshness sweep should check at {@code now}: not stale yet and unconfirmed for {@code staleAfter},
     * unconfirmed for {@code expireAfter}, or past their needed-by date.
     */
    public Uni<List<UUID>> dueForFreshnessCheck(Instant now, Duration staleAfter, Duration expireAfter, UUID after,
                                                int limit) {
        return pool.preparedQuery("SELECT id FROM needs WHERE status IN ('OPEN', 'FULLY_PLEDGED')"
                        + " AND ((NOT stale AND last_confirmed_at <= $1) OR last_confirmed_at <= $2 OR needed_by < $3)"
                        + " AND ($4::uuid IS NULL OR id > $4) ORDER BY id LIMIT $5")
                .execute(Tuple.tuple(Arrays.asList(time(now.minus(staleAfter)), time(now.minus(expireAfter)), time(now),
                        after, limit)))
                .map(rows -> {
                    List<UUID> due = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> due.add(row.getUUID("id")));
                    return due;
                });
    }

    /** The ids of a campaign's needs in the given states, read on the caller's transaction. */
    public Uni<List<UUID>> ofCampaign(SqlClient tx, UUID campaignId, List<NeedStatus> statuses) {
        return tx.preparedQuery("SELECT id FROM needs WHERE campaign_id = $1 AND status = ANY($2) ORDER BY id")
                .execute(Tuple.of(campaignId, statuses.stream().map(Enum::name).toArray(String[]::new)))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    private static NeedView view(Row row) {
        int requested = row.getInteger("requested");
        int reserved = row.getInteger("reserved");
        return new NeedView(row.getUUID("id"), row.getUUID("campaign_id"), Sector.valueOf(row.getString("sector")),
                row.getString("item"), row.getString("unit"), requested, reserved, row.getInteger("delivered"),
                requested - reserved, Urgency.valueOf(row.getString("urgency")),
                NeedStatus.valueOf(row.getString("status")), row.getBoolean("stale"),
                new org.lifeline.contracts.Site(row.getString("site_name"), row.getDouble("site_lat"),
                        row.getDouble("site_lon"), PublicSites.privacy(row.getString("site_privacy"))),
                instant(row, "needed_by"), instant(row, "posted_at"), instant(row, "updated_at"),
                row.getLong("version"));
    }
}

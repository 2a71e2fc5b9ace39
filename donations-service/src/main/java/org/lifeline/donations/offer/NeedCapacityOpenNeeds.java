package org.lifeline.donations.offer;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.contracts.PublicSites;
import org.lifeline.donations.domain.offer.Coordinates;
import org.lifeline.donations.domain.offer.NeedCandidate;
import org.lifeline.donations.domain.offer.Sector;
import org.lifeline.donations.domain.offer.Urgency;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Open needs from the local view of needs that the pledge ledger keeps ({@code need_capacity}: the need
 * as posted, its status, requested and what the ledger holds). Sites are shown as the public sees them
 * ({@link PublicSites}: APPROXIMATE ones rounded to 0.01°), so a distance never reveals more than the public map does.
 */
@ApplicationScoped
public class NeedCapacityOpenNeeds implements OpenNeeds {

    private static final String OPEN = """
            SELECT need_id, campaign_id, sector, item, unit, urgency, site_lat, site_lon, site_privacy, needed_by,
                   requested - reserved AS outstanding
            FROM need_capacity
            WHERE status = 'OPEN'""";

    private final Pool pool;

    public NeedCapacityOpenNeeds(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<List<NeedCandidate>> all() {
        return pool.query(OPEN + " AND requested > reserved").execute().map(NeedCapacityOpenNeeds::candidates);
    }

    @Override
    public Uni<Optional<NeedCandidate>> find(SqlClient client, UUID needId) {
        return client.preparedQuery(OPEN + " AND need_id = $1").execute(Tuple.of(needId))
                .map(rows -> candidates(rows).stream().findFirst());
    }

    @Override
    public Uni<Optional<NeedCandidate>> find(UUID needId) {
        return find(pool, needId);
    }

    private static List<NeedCandidate> candidates(RowSet<Row> rows) {
        List<NeedCandidate> needs = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            try {
                org.lifeline.contracts.Coordinates site = PublicSites.of(row.getDouble("site_lat"),
                        row.getDouble("site_lon"), PublicSites.privacy(row.getString("site_privacy")));
                OffsetDateTime neededBy = row.getOffsetDateTime("needed_by");
                needs.add(new NeedCandidate(row.getUUID("need_id"), row.getUUID("campaign_id"),
                        Sector.valueOf(row.getString("sector")), row.getString("item"), row.getString("unit"),
                        row.getInteger("outstanding"), Urgency.valueOf(row.getString("urgency")),
                        new Coordinates(site.lat(), site.lon()),
                        neededBy == null ? null : neededBy.toInstant()));
            } catch (IllegalArgumentException unknownValue) {
                // A sector or urgency newer than this code: the need cannot be ranked, the others can.
                Log.debugf("need %s skipped by the matcher: %s", row.getUUID("need_id"), unknownValue.getMessage());
            }
        }
        return needs;
    }
}

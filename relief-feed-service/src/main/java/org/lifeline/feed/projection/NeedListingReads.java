package org.lifeline.feed.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.lifeline.feed.api.NeedQuery;
import org.lifeline.feed.infra.FeedJson;

/**
 * Needs listings: filtered, ordered by urgency (CRITICAL first), distance from {@code near} (when given),
 * deadline (none last) and id, paged by keyset on those values. As of a past time the listing is built from
 * each need's latest history row at or before it.
 */
@ApplicationScoped
public class NeedListingReads {

    /** A page of needs (public JSON, with campaignTitle and, near a point, distanceKm) and how to go on. */
    public record Page(List<ObjectNode> items, NeedQuery.After last, boolean more) {
    }

    static final String COLUMNS = "campaign_id, sector, item, urgency_rank, status, site_lat, site_lon, needed_by,"
            + " posted_at, data";
    /** Needs as they stand now. */
    static final String CURRENT = "SELECT id, " + COLUMNS + " FROM feed_needs";
    /** Needs as they stood at $1: the latest history row of each at or before it. */
    static final String AS_OF = "SELECT DISTINCT ON (need_id) need_id AS id, " + COLUMNS
            + " FROM feed_need_history WHERE occurred_at <= $1::timestamptz ORDER BY need_id, position DESC";

    private final Pool pool;

    NeedListingReads(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page> page(NeedQuery query) {
        List<Object> args = new ArrayList<>();
        String source = CURRENT;
        List<String> filters = new ArrayList<>();
        if (query.asOf() != null) {
            args.add(Sql.time(query.asOf()));
            source = AS_OF;
            if (query.campaignId() != null) {
                // A need never changes campaign: filtering the history first keeps a campaign's time travel to its rows.
                source = AS_OF.replace(" ORDER BY", " AND campaign_id = " + arg(args, query.campaignId())
                        + "::uuid ORDER BY");
            }
        }
        if (query.campaignId() != null && query.asOf() == null) {
            filters.add("n.campaign_id = " + arg(args, query.campaignId()) + "::uuid");
        }
        if (!query.sectors().isEmpty()) {
            filters.add("n.sector = ANY(" + arg(args, query.sectors().toArray(String[]::new)) + "::text[])");
        }
        if (!query.urgencyRanks().isEmpty()) {
            filters.add("n.urgency_rank = ANY(" + arg(args, query.urgencyRanks().toArray(Integer[]::new)) + "::int[])");
        }
        if (!query.statuses().isEmpty()) {
            filters.add("n.status = ANY(" + arg(args, query.statuses().toArray(String[]::new)) + "::text[])");
        }
        if (query.item() != null) {
            filters.add("n.item ILIKE " + arg(args, "%" + likeEscaped(query.item()) + "%") + "::text");
        }
        String distance = "NULL::float8";
        if (query.near() != null) {
            String lat = arg(args, query.near().lat()) + "::float8";
            String lon = arg(args, query.near().lon()) + "::float8";
            // Great-circle distance (haversine, mean Earth radius), from the public coordinates only.
            distance = "2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(n.site_lat - " + lat + ") / 2), 2)"
                    + " + cos(radians(" + lat + ")) * cos(radians(n.site_lat))"
                    + " * power(sin(radians(n.site_lon - " + lon + ") / 2), 2))))";
        }
        List<String> outer = new ArrayList<>();
        if (query.radiusKm() != null) {
            outer.add("x.distance_km <= " + arg(args, query.radiusKm()) + "::float8");
        }
        NeedQuery.After after = query.after();
        if (after != null) {
            String deadline = "COALESCE(" + arg(args, Sql.time(after.neededBy())) + "::timestamptz, 'infinity')";
            String urgency = arg(args, after.urgencyRank()) + "::int";
            String id = arg(args, after.id()) + "::uuid";
            outer.add(query.near() != null
                    ? "(x.urgency_rank, x.distance_km, x.deadline, x.id) > (" + urgency + ", "
                            + arg(args, after.distanceKm()) + "::float8, " + deadline + ", " + id + ")"
                    : "(x.urgency_rank, x.deadline, x.id) > (" + urgency + ", " + deadline + ", " + id + ")");
        }
        String sql = "SELECT x.id, x.urgency_rank, x.distance_km, x.needed_by, x.data::text AS data,"
                + " c.data->>'title' AS campaign_title"
                + " FROM (SELECT n.*, " + distance + " AS distance_km,"
                + " COALESCE(n.needed_by, 'infinity'::timestamptz) AS deadline"
                + " FROM (" + source + ") n" + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters))
                + ") x LEFT JOIN feed_campaigns c ON c.id = x.campaign_id"
                + (outer.isEmpty() ? "" : " WHERE " + String.join(" AND ", outer))
                + " ORDER BY x.urgency_rank, " + (query.near() != null ? "x.distance_km, " : "") + "x.deadline, x.id"
                + " LIMIT " + arg(args, query.limit() + 1);
        return pool.preparedQuery(sql).execute(Tuple.tuple(args)).map(rows -> {
            List<ObjectNode> items = new ArrayList<>();
            NeedQuery.After last = null;
            boolean more = false;
            for (Row row : rows) {
                if (items.size() == query.limit()) {
                    more = true;
                    break;
                }
                ObjectNode item = FeedJson.tree(row.getString("data"));
                item.put("campaignTitle", row.getString("campaign_title"));
                Double km = row.getDouble("distance_km");
                if (km != null) {
                    item.put("distanceKm", BigDecimal.valueOf(km).setScale(2, RoundingMode.HALF_UP));
                }
                items.add(item);
                OffsetDateTime neededBy = row.getOffsetDateTime("needed_by");
                last = new NeedQuery.After(row.getInteger("urgency_rank"), km,
                        neededBy == null ? null : neededBy.toInstant(), row.getUUID("id"));
            }
            return new Page(items, last, more);
        });
    }

    private static String arg(List<Object> args, Object value) {
        args.add(value);
        return "$" + args.size();
    }

    /** Escapes LIKE's wildcards so that an item filter matches its text literally. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

package org.lifeline.feed.projection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lifeline.feed.infra.FeedJson;

/** A campaign's feed: the campaign, its totals and its timeline, newest first. */
@ApplicationScoped
public class CampaignFeedReads {

    /** Where a timeline page ended: the sort values of its last item (newest first). */
    public record TimelinePosition(Instant at, long position, int itemNo) {
    }

    public record TimelinePage(List<ObjectNode> items, TimelinePosition last, boolean more) {
    }

    private final Pool pool;

    private final String defaultCurrency;

    CampaignFeedReads(Pool pool, org.lifeline.feed.infra.FeedConfig config) {
        this.pool = pool;
        this.defaultCurrency = config.defaultCurrency();
    }

    public Uni<Optional<ObjectNode>> campaign(UUID campaignId) {
        return pool.preparedQuery("SELECT data::text AS data FROM feed_campaigns WHERE id = $1")
                .execute(Tuple.of(campaignId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(FeedJson.tree(rows.iterator().next().getString("data"))));
    }

    /**
     * raised (received − refunded) and matched, in the main currency and per currency; donors who gave money or goods; needs open (OPEN or
     * FULLY_PLEDGED) and fulfilled (FULFILLED or CLOSED, which closes as fulfilled); units requested by needs
     * still standing (not cancelled or expired), reserved and delivered across all its needs.
     */
    public Uni<ObjectNode> totals(UUID campaignId) {
        Tuple id = Tuple.of(campaignId);
        Uni<List<Row>> money = pool.preparedQuery("SELECT currency, received - refunded AS raised, matched"
                + " FROM feed_campaign_money WHERE campaign_id = $1 ORDER BY currency").execute(id).map(this::list);
        Uni<Row> donors = pool.preparedQuery("SELECT count(*) AS donors FROM feed_campaign_donors"
                + " WHERE campaign_id = $1").execute(id).map(rows -> rows.iterator().next());
        Uni<Row> needs = pool.preparedQuery("SELECT"
                + " count(*) FILTER (WHERE status IN ('OPEN', 'FULLY_PLEDGED')) AS open,"
                + " count(*) FILTER (WHERE status IN ('FULFILLED', 'CLOSED')) AS fulfilled,"
                + " COALESCE(sum((data->>'requested')::bigint) FILTER (WHERE status NOT IN ('CANCELLED', 'EXPIRED')),"
                + " 0) AS requested,"
                + " COALESCE(sum((data->>'reserved')::bigint), 0) AS reserved,"
                + " COALESCE(sum((data->>'delivered')::bigint), 0) AS delivered"
                + " FROM feed_needs WHERE campaign_id = $1").execute(id).map(rows -> rows.iterator().next());
        return Uni.combine().all().unis(money, donors, needs).asTuple().map(all -> {
            ObjectNode totals = FeedJson.mapper().createObjectNode();
            // raised and matched are money as everywhere in the API, in the campaign's main currency (the one
            // most was raised in); a campaign given several currencies lists each in raisedByCurrency/matchedByCurrency.
            List<Row> currencies = all.getItem1();
            Row main = currencies.stream()
                    .max(java.util.Comparator.comparingLong((Row row) -> row.getLong("raised"))
                            .thenComparing(row -> row.getString("currency"), java.util.Comparator.reverseOrder()))
                    .orElse(null);
            String currency = main == null ? defaultCurrency : main.getString("currency");
            totals.putObject("raised").put("amount", main == null ? 0 : main.getLong("raised")).put("currency", currency);
            totals.putObject("matched").put("amount", main == null ? 0 : main.getLong("matched")).put("currency", currency);
            ArrayNode raised = totals.putArray("raisedByCurrency");
            ArrayNode matched = totals.putArray("matchedByCurrency");
            for (Row row : currencies) {
                raised.addObject().put("amount", row.getLong("raised")).put("currency", row.getString("currency"));
                matched.addObject().put("amount", row.getLong("matched")).put("currency", row.getString("currency"));
            }
            totals.put("donors", all.getItem2().getLong("donors"));
            Row counts = all.getItem3();
            totals.put("needsOpen", counts.getLong("open"));
            totals.put("needsFulfilled", counts.getLong("fulfilled"));
            totals.put("unitsRequested", counts.getLong("requested"));
            totals.put("unitsReserved", counts.getLong("reserved"));
            totals.put("unitsDelivered", counts.getLong("delivered"));
            return totals;
        });
    }

    public Uni<TimelinePage> timeline(UUID campaignId, TimelinePosition after, int limit) {
        List<Object> args = new ArrayList<>(Arrays.asList(campaignId, limit + 1));
        String keyset = "";
        if (after != null) {
            args.addAll(Arrays.asList(Sql.time(after.at()), after.position(), after.itemNo()));
            keyset = " AND (occurred_at, position, item_no) < ($3::timestamptz, $4::bigint, $5::int)";
        }
        return pool.preparedQuery("SELECT occurred_at, position, item_no, data::text AS data FROM feed_timeline"
                        + " WHERE campaign_id = $1::uuid" + keyset
                        + " ORDER BY occurred_at DESC, position DESC, item_no DESC LIMIT $2::int")
                .execute(Tuple.tuple(args))
                .map(rows -> {
                    List<ObjectNode> items = new ArrayList<>();
                    TimelinePosition last = null;
                    boolean more = false;
                    for (Row row : rows) {
                        if (items.size() == limit) {
                            more = true;
                            break;
                        }
                        items.add(FeedJson.tree(row.getString("data")));
                        last = new TimelinePosition(row.getOffsetDateTime("occurred_at").toInstant(),
                                row.getLong("position"), row.getInteger("item_no"));
                    }
                    return new TimelinePage(items, last, more);
                });
    }

    private List<Row> list(RowSet<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }
}

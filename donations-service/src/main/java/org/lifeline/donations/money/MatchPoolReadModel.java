package org.lifeline.donations.money;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.domain.money.CloseReason;
import org.lifeline.donations.domain.money.MatchPool;
import org.lifeline.donations.domain.money.Money;
import org.lifeline.support.PagePosition;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code match_pools} table: written in the pool's commands' transactions, read by GET and by donations. */
@ApplicationScoped
public class MatchPoolReadModel {

    /** A pool the timer must close, and why. */
    public record Due(UUID matchPoolId, CloseReason reason) { }

    private static final String UPSERT = """
            INSERT INTO match_pools (match_pool_id, campaign_id, organisation_id, sponsor, ratio, currency, pool,
                                     remaining, per_donor_cap, min_gift, ends_at, status, closed_reason, version,
                                     opened_at, updated_at)
            VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
            ON CONFLICT (match_pool_id) DO UPDATE SET remaining = excluded.remaining, status = excluded.status,
                closed_reason = excluded.closed_reason, version = excluded.version, updated_at = excluded.updated_at
            """;

    private final Pool pool;

    public MatchPoolReadModel(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> save(SqlClient tx, MatchPool state, long version, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return tx.preparedQuery(UPSERT).execute(Tuple.tuple(Arrays.asList(state.matchPoolId(), state.campaignId(),
                        state.organisationId(), state.sponsor(), state.ratio(), state.currency(),
                        state.pool().amount(), state.remaining(), amount(state.perDonorCap()), amount(state.minGift()),
                        state.endsAt() == null ? null : state.endsAt().atOffset(ZoneOffset.UTC), state.status().name(),
                        state.closedReason() == null ? null : state.closedReason().name(), version, at)))
                .replaceWithVoid();
    }

    public Uni<Optional<MatchPoolView>> find(UUID matchPoolId) {
        return pool.preparedQuery("SELECT * FROM match_pools WHERE match_pool_id = $1")
                .execute(Tuple.of(matchPoolId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    /**
     * Up to {@code limit} pools of the campaign after {@code after} (null: from the newest), newest first by
     * opening, optionally of one status.
     */
    public Uni<List<MatchPoolView>> byCampaign(UUID campaignId, String status, PagePosition after, int limit) {
        return pool.preparedQuery("SELECT * FROM match_pools WHERE campaign_id = $1 AND ($2::text IS NULL OR status = $2)"
                        + " AND ($3::timestamptz IS NULL OR (opened_at, match_pool_id) < ($3, $4::uuid))"
                        + " ORDER BY opened_at DESC, match_pool_id DESC LIMIT $5")
                .execute(Tuple.tuple(Arrays.asList(campaignId, status,
                        after == null ? null : after.at().atOffset(ZoneOffset.UTC), after == null ? null : after.id(),
                        limit)))
                .map(rows -> {
                    List<MatchPoolView> views = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    /** The campaign's OPEN pools in the currency, oldest first: the order a donation is offered to them. */
    public Uni<List<UUID>> openPools(SqlClient tx, UUID campaignId, String currency) {
        return tx.preparedQuery("SELECT match_pool_id FROM match_pools WHERE campaign_id = $1 AND currency = $2"
                        + " AND status = 'OPEN' ORDER BY opened_at, match_pool_id")
                .execute(Tuple.of(campaignId, currency))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> ids.add(row.getUUID("match_pool_id")));
                    return ids;
                });
    }

    /** Live pools whose end time has come (ENDED), and those of closed campaigns (CLOSED). */
    public Uni<List<Due>> due(Instant now, int limit) {
        return pool.preparedQuery("""
                        SELECT p.match_pool_id,
                               CASE WHEN p.ends_at IS NOT NULL AND p.ends_at <= $1 THEN 'ENDED' ELSE 'CLOSED' END AS reason
                        FROM match_pools p LEFT JOIN campaign_directory c ON c.campaign_id = p.campaign_id
                        WHERE p.status <> 'CLOSED' AND ((p.ends_at IS NOT NULL AND p.ends_at <= $1) OR c.status = 'CLOSED')
                        ORDER BY p.ends_at NULLS LAST, p.match_pool_id
                        LIMIT $2""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<Due> due = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> due.add(new Due(row.getUUID("match_pool_id"),
                            CloseReason.valueOf(row.getString("reason")))));
                    return due;
                });
    }

    /** The view of a pool as a command left it. */
    public static MatchPoolView view(MatchPool state, long version, Instant openedAt, Instant updatedAt) {
        return new MatchPoolView(state.matchPoolId(), state.campaignId(), state.sponsor(), state.ratio(), state.pool(),
                state.remainingMoney(), state.matchedMoney(), state.perDonorCap(), state.minGift(), state.endsAt(),
                state.status().name(), state.closedReason() == null ? null : state.closedReason().name(), openedAt,
                updatedAt, version);
    }

    private static MatchPoolView view(Row row) {
        String currency = row.getString("currency");
        long poolAmount = row.getLong("pool");
        long remaining = row.getLong("remaining");
        return new MatchPoolView(row.getUUID("match_pool_id"), row.getUUID("campaign_id"), row.getString("sponsor"),
                Ratios.normalise(row.getBigDecimal("ratio")), new Money(poolAmount, currency), new Money(remaining, currency),
                new Money(poolAmount - remaining, currency), money(row, "per_donor_cap", currency),
                money(row, "min_gift", currency), instant(row, "ends_at"), row.getString("status"),
                row.getString("closed_reason"), instant(row, "opened_at"), instant(row, "updated_at"),
                row.getLong("version"));
    }

    private static Long amount(Money money) {
        return money == null ? null : money.amount();
    }

    private static Money money(Row row, String column, String currency) {
        Long amount = row.getLong(column);
        return amount == null ? null : new Money(amount, currency);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}

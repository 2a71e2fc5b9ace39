package org.lifeline.campaigns.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.campaigns.domain.campaign.CampaignEvent;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignClosed;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignDetailsRevised;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignOpened;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.PostPublished;
import org.lifeline.campaigns.domain.campaign.CampaignKind;
import org.lifeline.campaigns.domain.campaign.CampaignStatus;
import org.lifeline.campaigns.domain.campaign.Coordinates;
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
 * The {@code campaigns} and {@code posts} tables: written inline, in the transaction that appends
 * the events, so a read after a command's response always sees it.
 */
@ApplicationScoped
public class CampaignReadModel {

    private static final String COLUMNS = "id, organisation_id, title, kind, region, location_lat, location_lon,"
            + " description, glide, status, version, opened_at, updated_at";

    private final Pool pool;

    public CampaignReadModel(Pool pool) {
        this.pool = pool;
    }

    /** Applies one appended event, at its stream version, in the append's transaction. */
    public Uni<Void> apply(SqlClient tx, CampaignEvent event, long version) {
        return switch (event) {
            case CampaignOpened e -> execute(tx, "INSERT INTO campaigns (" + COLUMNS + ")"
                            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
                    e.campaignId(), e.organisationId(), e.title(), e.kind().name(), e.region(), e.location().lat(),
                    e.location().lon(), e.description(), e.glide(), CampaignStatus.ACTIVE.name(), version, time(e.at()));
            case CampaignDetailsRevised e -> execute(tx, "UPDATE campaigns SET title = $2, region = $3,"
                            + " location_lat = $4, location_lon = $5, description = $6, glide = $7, version = $8,"
                            + " updated_at = $9 WHERE id = $1",
                    e.campaignId(), e.title(), e.region(), e.location().lat(), e.location().lon(), e.description(),
                    e.glide(), version, time(e.at()));
            case PostPublished e -> execute(tx, "INSERT INTO posts (id, campaign_id, text, location_lat, location_lon,"
                            + " media_urls, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    e.postId(), e.campaignId(), e.text(), e.location() == null ? null : e.location().lat(),
                    e.location() == null ? null : e.location().lon(), e.mediaUrls().toArray(String[]::new),
                    time(e.at()))
                    .call(() -> touch(tx, e.campaignId(), version, e.at()));
            case CampaignClosed e -> execute(tx, "UPDATE campaigns SET status = $2, version = $3, updated_at = $4"
                    + " WHERE id = $1", e.campaignId(), CampaignStatus.CLOSED.name(), version, time(e.at()));
        };
    }

    public Uni<Optional<CampaignView>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaigns WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    /**
     * The campaign, read on the caller's transaction under a share lock on its row: commands that
     * add to the campaign (posting a need) take it, so a close, which takes {@link #lockForClose},
     * waits for them to commit and they wait for it. The row is written in the transaction of the
     * campaign's events, so under the lock it is the campaign as its stream stands.
     */
    public Uni<Optional<CampaignView>> findForShare(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM campaigns WHERE id = $1 FOR SHARE")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    /**
     * Locks the campaign's row for closing, on the caller's transaction, before the campaign's events
     * are loaded: needs being posted to it commit first (and are seen), or wait and see it closed.
     */
    public Uni<Void> lockForClose(SqlClient tx, UUID id) {
        return execute(tx, "SELECT id FROM campaigns WHERE id = $1 FOR UPDATE", id);
    }

    /**
     * Up to {@code limit} campaigns after {@code after} (null: from the newest), newest first, optionally of one
     * status and of one organisation.
     */
    public Uni<List<CampaignView>> list(CampaignStatus status, UUID organisationId, PagePosition after, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaigns"
                        + " WHERE ($1::text IS NULL OR status = $1)"
                        + " AND ($2::uuid IS NULL OR organisation_id = $2)"
                        + " AND ($3::timestamptz IS NULL OR (opened_at, id) < ($3, $4::uuid))"
                        + " ORDER BY opened_at DESC, id DESC LIMIT $5")
                .execute(Tuple.tuple(Arrays.asList(status == null ? null : status.name(), organisationId,
                        after == null ? null : time(after.at()), after == null ? null : after.id(), limit)))
                .map(rows -> {
                    List<CampaignView> views = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    private Uni<Void> touch(SqlClient tx, UUID campaignId, long version, Instant at) {
        return execute(tx, "UPDATE campaigns SET version = $2, updated_at = $3 WHERE id = $1", campaignId, version,
                time(at));
    }

    private static Uni<Void> execute(SqlClient tx, String sql, Object... parameters) {
        return tx.preparedQuery(sql).execute(Tuple.tuple(Arrays.asList(parameters))).replaceWithVoid();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static CampaignView view(Row row) {
        return new CampaignView(row.getUUID("id"), row.getUUID("organisation_id"), row.getString("title"),
                CampaignKind.valueOf(row.getString("kind")), row.getString("region"),
                new Coordinates(row.getDouble("location_lat"), row.getDouble("location_lon")),
                row.getString("description"), row.getString("glide"),
                CampaignStatus.valueOf(row.getString("status")), row.getLong("version"),
                row.getOffsetDateTime("opened_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }
}

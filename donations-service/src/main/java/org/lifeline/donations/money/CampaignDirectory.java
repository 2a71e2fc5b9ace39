package org.lifeline.donations.money;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.campaign.CampaignClosed;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.donations.projection.Arrivals;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;
import org.lifeline.kernel.consumer.Projection;
import org.lifeline.support.ProblemException;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The campaigns donations-service knows, from {@code lifeline.campaigns.v1}: campaign id → organisation
 * and status (table {@code campaign_directory}). It says who may open a match pool or refund a donation
 * (coordinators of the campaign's organisation) and whether a campaign still takes donations, without
 * calling campaigns-service. Fed by the kernel's projection runner when {@code lifeline.projections.enabled=true}.
 */
@ApplicationScoped
public class CampaignDirectory implements Projection {

    public static final String NAME = "donations-campaign-directory";

    private final ObjectMapper json = ContractJson.mapper();
    private final Arrivals arrivals;
    /** The campaign the event being applied opened; the runner applies one event at a time, on one thread. */
    private volatile UUID openedCampaign;

    public CampaignDirectory(Arrivals arrivals) {
        this.arrivals = arrivals;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.CAMPAIGNS);
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
        openedCampaign = null;
        if (CampaignOpened.TYPE.equals(event.type())) {
            CampaignOpened opened = read(event, CampaignOpened.class);
            if (opened.campaignId() == null || opened.organisationId() == null) {
                throw new PoisonEvent("CampaignOpened without campaignId or organisationId");
            }
            openedCampaign = opened.campaignId();
            return tx.preparedQuery("INSERT INTO campaign_directory (campaign_id, organisation_id, status, updated_at)"
                            + " VALUES ($1, $2, 'ACTIVE', $3) ON CONFLICT (campaign_id) DO NOTHING")
                    .execute(Tuple.of(opened.campaignId(), opened.organisationId(),
                            event.time().atOffset(ZoneOffset.UTC)))
                    .replaceWithVoid();
        }
        if (CampaignClosed.TYPE.equals(event.type())) {
            CampaignClosed closed = read(event, CampaignClosed.class);
            if (closed.campaignId() == null) {
                throw new PoisonEvent("CampaignClosed without campaignId");
            }
            return tx.preparedQuery("UPDATE campaign_directory SET status = 'CLOSED', updated_at = $2"
                            + " WHERE campaign_id = $1")
                    .execute(Tuple.of(closed.campaignId(), event.time().atOffset(ZoneOffset.UTC)))
                    .replaceWithVoid();
        }
        // Needs, posts and revisions: nothing here depends on them.
        return Uni.createFrom().voidItem();
    }

    /** Wakes the commands that came before the campaign did and wait for it ({@link Arrivals}). */
    @Override
    public void afterCommit() {
        UUID campaignId = openedCampaign;
        openedCampaign = null;
        if (campaignId != null) {
            arrivals.arrived(campaignId);
        }
    }

    @Override
    public Uni<Void> reset(SqlConnection tx) {
        return tx.query("DELETE FROM campaign_directory").execute().replaceWithVoid();
    }

    /** Whether donations-service has heard of the campaign, open or closed: what a command waits for (Arrivals). */
    public Uni<Boolean> exists(SqlClient client, UUID campaignId) {
        return client.preparedQuery("SELECT 1 FROM campaign_directory WHERE campaign_id = $1")
                .execute(Tuple.of(campaignId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The campaign donations-service has heard of; a 404 problem when it has not. */
    public Uni<CampaignEntry> require(SqlClient client, UUID campaignId) {
        return find(client, campaignId).map(found -> found.orElseThrow(() -> new ProblemException(404, "Not Found",
                "There is no campaign " + campaignId + ".")));
    }

    /** The campaign, when donations-service has heard of it. */
    public Uni<Optional<CampaignEntry>> find(SqlClient client, UUID campaignId) {
        return client.preparedQuery("SELECT campaign_id, organisation_id, status FROM campaign_directory"
                        + " WHERE campaign_id = $1")
                .execute(Tuple.of(campaignId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new CampaignEntry(row.getUUID("campaign_id"), row.getUUID("organisation_id"),
                            row.getString("status")));
                });
    }

    private <T> T read(IncomingEvent event, Class<T> type) {
        try {
            return json.readValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new PoisonEvent("unreadable " + event.type() + ": " + e.getOriginalMessage(), e);
        }
    }
}

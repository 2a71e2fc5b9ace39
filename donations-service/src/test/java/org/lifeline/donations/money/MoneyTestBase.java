package org.lifeline.donations.money;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.Coordinates;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.campaign.CampaignClosed;
import org.lifeline.contracts.campaign.CampaignKind;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.donations.DonationsTestBase;
import org.lifeline.testing.CloudEventRecords;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** What the money tests share: campaigns played in from the campaigns topic, match pools and donations. */
abstract class MoneyTestBase extends DonationsTestBase {

    /** Plays campaigns-service: a campaign of {@link #org} opens, and waits until donations-service knows it. */
    protected UUID campaign() {
        UUID campaignId = UUID.randomUUID();
        open(campaignId);
        await().atMost(Duration.ofSeconds(30)).until(() -> known(campaignId));
        return campaignId;
    }

    /**
     * Plays campaigns-service whose event is slow to come: the campaign of {@link #org} opens about 300 ms
     * from now, from another thread. Join the answer to see it sent.
     */
    protected CompletableFuture<Void> openLater(UUID campaignId) {
        return CompletableFuture.runAsync(() -> open(campaignId),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    }

    /** Whether donations-service has heard of the campaign. */
    protected boolean known(UUID campaignId) {
        return count("SELECT count(*) FROM campaign_directory WHERE campaign_id = $1", campaignId) == 1;
    }

    private void open(UUID campaignId) {
        publishCampaignEvent(campaignId, 1, CampaignOpened.TYPE, new CampaignOpened(campaignId, org,
                CampaignKind.EARTHQUAKE, "Sichuan earthquake relief", "Wenchuan County, Sichuan",
                new Coordinates(31.02, 103.43), null, null, Instant.now()));
    }

    protected void closeCampaign(UUID campaignId) {
        publishCampaignEvent(campaignId, 2, CampaignClosed.TYPE, new CampaignClosed(campaignId, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM campaign_directory"
                + " WHERE campaign_id = $1 AND status = 'CLOSED'", campaignId) == 1);
    }

    protected static void publishCampaignEvent(UUID campaignId, long version, String type, Object data) {
        try {
            CloudEventRecords.send(bootstrap(), List.of(CloudEventRecords.record(Topics.CAMPAIGNS, type,
                    campaignId.toString(), version, ContractJson.mapper().writeValueAsString(data))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a CNY pool on the campaign with the given extra JSON members; answers its id. */
    protected String openPool(UUID campaignId, String ratio, long pool, String extra) {
        return as(coordinator).body("""
                        {"sponsor": "Chengdu Tianfu Foundation", "ratio": %s, "pool": {"amount": %d, "currency": "CNY"}%s}"""
                        .formatted(ratio, pool, extra == null ? "" : ", " + extra))
                .post("/api/v1/campaigns/" + campaignId + "/match-pools").then().statusCode(201).extract().path("id");
    }

    protected static ValidatableResponse donate(String token, UUID campaignId, long amount, String key) {
        RequestSpecification request = as(token).body("""
                {"campaignId": "%s", "amount": {"amount": %d, "currency": "CNY"}}""".formatted(campaignId, amount));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/donations").then();
    }
}

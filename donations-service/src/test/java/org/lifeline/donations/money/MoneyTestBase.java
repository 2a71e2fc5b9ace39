package org.lifeline.donations.money;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.Coordinates;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.campaign.CampaignClosed;
import org.lifeline.contracts.campaign.CampaignKind;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.testing.CloudEventRecords;
import org.lifeline.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What the money tests share: campaigns played in from the campaigns topic, tokens, requests and SQL looks. */
abstract class MoneyTestBase {

    protected static final String PROBLEM = "application/problem+json";

    @Inject
    protected Pool pool;

    protected final UUID org = UUID.randomUUID();
    protected final UUID donorId = UUID.randomUUID();
    protected final String donor = TestTokens.donor(donorId);
    protected final String otherDonor = TestTokens.donor(UUID.randomUUID());
    protected final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);
    protected final String otherCoordinator = TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID());
    protected final String admin = TestTokens.admin(UUID.randomUUID());

    protected static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Plays campaigns-service: a campaign of {@link #org} opens, and waits until donations-service knows it. */
    protected UUID campaign() {
        UUID campaignId = UUID.randomUUID();
        publishCampaignEvent(campaignId, 1, CampaignOpened.TYPE, new CampaignOpened(campaignId, org,
                CampaignKind.EARTHQUAKE, "Sichuan earthquake relief", "Wenchuan County, Sichuan",
                new Coordinates(31.02, 103.43), null, null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM campaign_directory WHERE campaign_id = $1", campaignId) == 1);
        return campaignId;
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

    protected static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
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

    protected long count(String sql, Object... parameters) {
        return query(sql, parameters).iterator().next().getLong(0);
    }

    protected RowSet<Row> query(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.tuple(Arrays.asList(parameters)))
                .await().atMost(Duration.ofSeconds(10));
    }

    /** How many events of the type the stream holds. */
    protected long events(String streamId, String type) {
        return count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = $2", streamId, type);
    }
}

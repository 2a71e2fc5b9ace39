package org.lifeline.donations;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.testing.TestTokens;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What the pledge tests share: a need fed from the campaigns topic, a donor, coordinators, and SQL looks. */
public abstract class PledgeTestBase {

    protected static final String PROBLEM = "application/problem+json";

    private static CampaignsFeed feed;

    @Inject
    protected Pool pool;

    protected final UUID org = UUID.randomUUID();
    protected final UUID donorId = UUID.randomUUID();
    protected final String donor = TestTokens.donor(donorId);
    protected final String otherDonor = TestTokens.donor(UUID.randomUUID());
    protected final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);
    protected final String otherCoordinator = TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID());

    protected static synchronized CampaignsFeed feed() {
        if (feed == null) {
            feed = new CampaignsFeed(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return feed;
    }

    protected static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Posts a need of {@code quantity} on the campaigns topic and waits until the local view has it. */
    protected NeedPosted need(int quantity) {
        NeedPosted posted = feed().postNeed(org, quantity);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM need_capacity WHERE need_id = $1",
                posted.needId()) == 1);
        return posted;
    }

    protected static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    protected static ValidatableResponse pledge(String token, UUID needId, int quantity, String policy) {
        String body = policy == null
                ? "{\"needId\": \"%s\", \"quantity\": %d}".formatted(needId, quantity)
                : "{\"needId\": \"%s\", \"quantity\": %d, \"policy\": \"%s\"}".formatted(needId, quantity, policy);
        return as(token).body(body).post("/api/v1/pledges").then();
    }

    protected long count(String sql, Object... parameters) {
        return query(sql, parameters).iterator().next().getLong(0);
    }

    /** The need's row of the local view. */
    protected Row capacity(UUID needId) {
        return query("SELECT requested, status, reserved, ledger_version, item, unit, sector, urgency, site_lat,"
                + " site_lon, site_name, organisation_id, campaign_id, needed_by FROM need_capacity WHERE need_id = $1",
                needId).iterator().next();
    }

    protected RowSet<Row> query(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.tuple(Arrays.asList(parameters))).await().atMost(Duration.ofSeconds(10));
    }
}

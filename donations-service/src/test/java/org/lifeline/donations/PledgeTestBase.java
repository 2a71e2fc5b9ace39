package org.lifeline.donations;

import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;
import org.lifeline.contracts.need.NeedPosted;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** What the pledge and offer tests share: needs fed from the campaigns topic, pledging, and the view of needs. */
public abstract class PledgeTestBase extends DonationsTestBase {

    private static CampaignsFeed feed;

    protected static synchronized CampaignsFeed feed() {
        if (feed == null) {
            feed = new CampaignsFeed(bootstrap());
        }
        return feed;
    }

    /** Posts a need of {@code quantity} on the campaigns topic and waits until the local view has it. */
    protected NeedPosted need(int quantity) {
        return need(feed().needOf(org, quantity));
    }

    /** Posts the need on the campaigns topic and waits until the local view has it. */
    protected NeedPosted need(NeedPosted posted) {
        feed().publish(posted.needId(), posted);
        await().atMost(Duration.ofSeconds(30)).until(() -> known(posted.needId()));
        return posted;
    }

    /**
     * Posts the need on the campaigns topic about 300 ms from now, from another thread: campaigns-service
     * has answered its client, and the event is still on its way here. Join the answer to see it sent.
     */
    protected static CompletableFuture<UUID> postLater(NeedPosted posted) {
        return CompletableFuture.supplyAsync(() -> feed().publish(posted.needId(), posted),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    }

    /** Whether the local view has the need. */
    protected boolean known(UUID needId) {
        return count("SELECT count(*) FROM need_capacity WHERE need_id = $1", needId) == 1;
    }

    protected static ValidatableResponse pledge(String token, UUID needId, int quantity, String policy) {
        String body = policy == null
                ? "{\"needId\": \"%s\", \"quantity\": %d}".formatted(needId, quantity)
                : "{\"needId\": \"%s\", \"quantity\": %d, \"policy\": \"%s\"}".formatted(needId, quantity, policy);
        return as(token).body(body).post("/api/v1/pledges").then();
    }

    /** The need's row of the local view. */
    protected Row capacity(UUID needId) {
        return query("SELECT requested, status, reserved, ledger_version, item, unit, sector, urgency, site_lat,"
                + " site_lon, site_name, organisation_id, campaign_id, needed_by FROM need_capacity WHERE need_id = $1",
                needId).iterator().next();
    }
}

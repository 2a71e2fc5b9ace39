package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.launcher.Reconciliation;
import org.lifeline.launcher.ServiceSpec;

/**
 * The reconciliation finds no drift after real traffic through the gateway, and finds exactly the drift a
 * tampered feed row makes.
 */
@ExtendWith(RunningStack.class)
class ReconciliationTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    @Test
    void real_traffic_leaves_no_drift_and_a_tampered_feed_row_is_exactly_the_drift_reported(RunningStack stack)
            throws SQLException {
        Relief relief = Relief.organise(stack, 21, "Reconciled Relief");
        Api.Account ana = relief.api().donor("Ana");
        Api.Account bo = relief.api().donor("Bo");

        String flood = relief.campaign("Flood in the valley");
        String blankets = relief.need(flood, "blankets", 10, "EXACT");
        String tents = relief.need(flood, "tents", 5, "APPROXIMATE");
        String water = relief.need(flood, "water", 20, "EXACT");

        // Both policies; the PARTIAL one is cut to what is left, and a pledge that no longer fits is refused.
        relief.pledge(ana, blankets, 4, "ALL_OR_NOTHING");
        JsonNode partial = relief.pledge(bo, blankets, 8, "PARTIAL");
        assertThat(partial.get("reserved").asInt()).isEqualTo(6);
        assertThat(relief.pledgeAttempt(ana, blankets, 1, "ALL_OR_NOTHING").status()).isEqualTo(409);
        // A cancel, a short delivery and a full one (which fulfils its need).
        relief.cancel(ana, relief.pledge(ana, tents, 3, "ALL_OR_NOTHING").get("id").asText());
        relief.deliver(bo, relief.pledge(bo, tents, 5, "PARTIAL").get("id").asText(), 4);
        relief.deliver(ana, relief.pledge(ana, water, 20, "ALL_OR_NOTHING").get("id").asText(), 20);

        // A campaign closed with a pledged need: donations-service releases the pledge on its own.
        String landslide = relief.campaign("Landslide on the pass");
        relief.pledge(bo, relief.need(landslide, "shovels", 10, "EXACT"), 3, "ALL_OR_NOTHING");
        relief.closeCampaign(landslide);

        // Money: a match pool that runs out, a second currency, and a refund that gives its match back.
        relief.matchPool(flood, 1_000, "CNY");
        JsonNode matched = relief.donate(ana, flood, 600, "CNY");
        assertThat(matched.at("/matched/amount").asLong()).isEqualTo(600);
        assertThat(relief.donate(bo, flood, 700, "CNY").at("/matched/amount").asLong()).isEqualTo(400);
        relief.donate(ana, flood, 200, "USD");
        relief.refund(matched.get("id").asText());

        Reconciliation reconciliation = Reconciliation.of(stack.layout());
        Reconciliation.Report clean = await("no drift once the feed caught up").atMost(CATCH_UP)
                .pollInterval(Duration.ofSeconds(1)).until(reconciliation::run, Reconciliation.Report::clean);
        assertThat(clean.needs()).isGreaterThanOrEqualTo(4);
        assertThat(clean.campaigns()).isGreaterThanOrEqualTo(2);
        assertThat(clean.pledges()).isGreaterThanOrEqualTo(7);
        assertThat(clean.donations()).isGreaterThanOrEqualTo(3);
        System.out.println("Reconciliation after real traffic: " + clean.summary());

        // One need listing says one more blanket is reserved than the ledger holds.
        tamper(stack, "UPDATE feed_needs SET data = jsonb_set(data, '{reserved}', to_jsonb((data->>'reserved')::int + 1))"
                + " WHERE id = ?", UUID.fromString(blankets));
        Reconciliation.Report needDrift = reconciliation.run();
        assertThat(needDrift.clean()).isFalse();
        assertThat(needDrift.differences()).containsExactly(new Reconciliation.Difference("need", blankets,
                "reserved", "10", "11", "event stores", "feed"));
        System.out.println("Reconciliation after tampering with a need: " + needDrift.summary());
        tamper(stack, "UPDATE feed_needs SET data = jsonb_set(data, '{reserved}', to_jsonb((data->>'reserved')::int - 1))"
                + " WHERE id = ?", UUID.fromString(blankets));

        // The campaign's money says 5 fen more was received than the donations add up to.
        tamper(stack, "UPDATE feed_campaign_money SET received = received + 5 WHERE campaign_id = ? AND currency = 'CNY'",
                UUID.fromString(flood));
        Reconciliation.Report moneyDrift = reconciliation.run();
        assertThat(moneyDrift.differences()).containsExactly(new Reconciliation.Difference("campaign", flood,
                "raised CNY", "700", "705", "event stores", "feed"));
        tamper(stack, "UPDATE feed_campaign_money SET received = received - 5 WHERE campaign_id = ? AND currency = 'CNY'",
                UUID.fromString(flood));

        // A donation the feed log holds twice.
        tamper(stack, "INSERT INTO feed_log (position, event_id, kind, type, campaign_id, subject, occurred_at, data)"
                + " SELECT -1, gen_random_uuid(), kind, type, campaign_id, subject, occurred_at, data FROM feed_log"
                + " WHERE type = 'donation.DonationReceived' AND subject = ?", matched.get("id").asText());
        assertThat(reconciliation.run().differences()).containsExactly(new Reconciliation.Difference("donation",
                matched.get("id").asText(), "times recorded", "1", "2", "event stores", "feed"));
        tamper(stack, "DELETE FROM feed_log WHERE position = -1 AND subject = ?", matched.get("id").asText());

        assertThat(reconciliation.run().clean()).as("clean again once the rows are put back").isTrue();
    }

    /** Changes one row of the feed's own tables behind its back; {@code parameter} is the statement's one parameter. */
    private static void tamper(RunningStack stack, String sql, Object parameter) throws SQLException {
        try (Connection feed = DriverManager.getConnection("jdbc:postgresql://localhost:"
                + stack.layout().postgresPort() + "/" + ServiceSpec.RELIEF_FEED.database(), "postgres", "postgres");
             PreparedStatement statement = feed.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        }
    }
}

package org.lifeline.system;

import static org.awaitility.Awaitility.await;
import static org.lifeline.system.Api.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What an organisation's coordinator and its donors do, through the gateway: open campaigns, post needs, pledge,
 * deliver, donate with a match pool, refund. Each step asserts the answer the API promises.
 */
final class Relief {

    private final Api api;
    private final Api.Account coordinator;
    private final String organisationId;

    private Relief(Api api, Api.Account coordinator, String organisationId) {
        this.api = api;
        this.coordinator = coordinator;
        this.organisationId = organisationId;
    }

    /** A new organisation and its coordinator, made by the admin from {@code 127.0.0.<lastOctet>}. */
    static Relief organise(RunningStack stack, int lastOctet, String name) {
        Api api = new Api(stack.gateway(), loopback(lastOctet), Duration.ofSeconds(30));
        String organisationId = api.organisation(name);
        return new Relief(api, api.coordinator(organisationId, name + " coordinator"), organisationId);
    }

    /** A new organisation and its coordinator, made by the admin through {@code api}. */
    static Relief organise(Api api, String name) {
        String organisationId = api.organisation(name);
        return new Relief(api, api.coordinator(organisationId, name + " coordinator"), organisationId);
    }

    /** {@code 127.0.0.<lastOctet>}: every address of 127.0.0.0/8 is loopback on Linux. */
    static InetAddress loopback(int lastOctet) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Api api() {
        return api;
    }

    Api.Account coordinator() {
        return coordinator;
    }

    String organisationId() {
        return organisationId;
    }

    String campaign(String title) {
        ObjectNode body = Api.object().put("organisationId", organisationId).put("title", title).put("kind", "FLOOD")
                .put("region", "Sichuan");
        body.putObject("location").put("lat", 30.66).put("lon", 104.06);
        return require(api.post("/api/v1/campaigns", coordinator.credential(), body), 201).json().get("id").asText();
    }

    String need(String campaignId, String item, int quantity, String privacy) {
        ObjectNode body = Api.object().put("sector", "SHL").put("item", item).put("unit", "piece")
                .put("quantity", quantity).put("urgency", "HIGH");
        body.putObject("site").put("name", "Shelter of " + item).put("lat", 30.123456).put("lon", 104.654321)
                .put("privacy", privacy);
        return require(api.post("/api/v1/campaigns/" + campaignId + "/needs", coordinator.credential(), body), 201)
                .json().get("id").asText();
    }

    Api.Answer pledgeAttempt(Api.Account donor, String needId, int quantity, String policy) {
        return api.post("/api/v1/pledges", donor.credential(),
                Api.object().put("needId", needId).put("quantity", quantity).put("policy", policy));
    }

    JsonNode pledge(Api.Account donor, String needId, int quantity, String policy) {
        return require(onceKnown(() -> pledgeAttempt(donor, needId, quantity, policy)), 201).json();
    }

    /** Confirmed, dispatched and received at the site: {@code received} of what the pledge reserved. */
    void deliver(Api.Account donor, String pledgeId, int received) {
        dispatch(donor, pledgeId);
        require(api.post("/api/v1/pledges/" + pledgeId + "/deliver", coordinator.credential(),
                Map.of("quantityReceived", received)), 200, 201);
    }

    /** Confirmed and dispatched by its donor: on its way, waiting for the coordinator to record what arrived. */
    void dispatch(Api.Account donor, String pledgeId) {
        String eta = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        require(api.post("/api/v1/pledges/" + pledgeId + "/confirm", donor.credential(),
                Map.of("method", "DROP_OFF", "eta", eta)), 200, 201);
        require(api.post("/api/v1/pledges/" + pledgeId + "/dispatch", donor.credential(),
                Map.of("carrier", "Relief Express")), 200, 201);
    }

    void cancel(Api.Account who, String pledgeId) {
        require(api.post("/api/v1/pledges/" + pledgeId + "/cancel", who.credential(), Map.of("reason", "plans changed")),
                200, 201);
    }

    void closeCampaign(String campaignId) {
        require(api.post("/api/v1/campaigns/" + campaignId + "/close", coordinator.credential(), Map.of()), 200, 201);
    }

    String matchPool(String campaignId, long amount, String currency) {
        ObjectNode body = Api.object().put("sponsor", "Sponsor of " + campaignId).put("ratio", 1.0);
        body.putObject("pool").put("amount", amount).put("currency", currency);
        return require(onceKnown(() -> api.post("/api/v1/campaigns/" + campaignId + "/match-pools",
                coordinator.credential(), body)), 201).json().get("id").asText();
    }

    JsonNode donate(Api.Account donor, String campaignId, long amount, String currency) {
        ObjectNode body = Api.object().put("campaignId", campaignId);
        body.putObject("amount").put("amount", amount).put("currency", currency);
        return require(onceKnown(() -> api.post("/api/v1/donations", donor.credential(), body)), 201).json();
    }

    void refund(String donationId) {
        require(api.post("/api/v1/donations/" + donationId + "/refund", coordinator.credential(), Map.of()), 200, 201);
    }

    /**
     * Sends {@code write} until it is not a 404: donations-service hears of a campaign or need through Kafka, so a write
     * that names one it has not heard of yet is a 404 for a moment (ReliefWorld waits the same way).
     */
    private static Api.Answer onceKnown(Supplier<Api.Answer> write) {
        AtomicReference<Api.Answer> last = new AtomicReference<>();
        try {
            await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        last.set(write.get());
                        return last.get().status() != 404;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("still 404 after 60 s: " + last.get(), e);
        }
        return last.get();
    }
}

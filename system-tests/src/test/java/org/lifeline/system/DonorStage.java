package org.lifeline.system;

import static org.awaitility.Awaitility.await;
import static org.lifeline.system.Api.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The API side of the donor web app's browser tests: an organisation with its coordinator, made by the admin, and
 * what the coordinator and donors do through the gateway (campaigns with needs across sectors, situation posts, match
 * pools, pledges carried to any stage), each step asserting the answer the API promises. Every person is made from a
 * loopback address of its own ({@link Loopback}), so that the gateway's per-address limit on sign-ins and
 * registrations is not spent by the tests; the browser then signs in once per person, through the sign-in form.
 */
final class DonorStage {

    /** How long a write may wait for a service to hear (through Kafka) of the campaign or need it names. */
    private static final Duration HEARD_OF = Duration.ofSeconds(60);

    private final RunningStack stack;
    private final Api api;
    private final String organisationId;
    private final Api.Account coordinator;

    private DonorStage(RunningStack stack, Api api, String organisationId, Api.Account coordinator) {
        this.stack = stack;
        this.api = api;
        this.organisationId = organisationId;
        this.coordinator = coordinator;
    }

    /** A new organisation named {@code name} and a coordinator of it, made by the admin through the admin API. */
    static DonorStage organise(RunningStack stack, String name) {
        Api api = stack.api().from(Loopback.next());
        String organisationId = api.organisation(name);
        // A short display name: the account's email is made from it, and its local part may not pass 64 characters.
        return new DonorStage(stack, api, organisationId, api.coordinator(organisationId, "Zhou Lan"));
    }

    Api api() {
        return api;
    }

    Api.Account coordinator() {
        return coordinator;
    }

    /** A new donor account, registered from a loopback address of its own: its email and password sign the browser in. */
    Api.Account donor(String displayName) {
        return stack.api().from(Loopback.next()).donor(displayName);
    }

    // ----- the coordinator -----

    String campaign(String title, String kind, String region, double lat, double lon, String description) {
        ObjectNode body = Api.object().put("organisationId", organisationId).put("title", title).put("kind", kind)
                .put("region", region);
        if (description != null) {
            body.put("description", description);
        }
        body.putObject("location").put("lat", lat).put("lon", lon);
        return require(api.post("/api/v1/campaigns", coordinator.credential(), body), 201).json().get("id").asText();
    }

    /** A campaign in Sichuan with nothing in it yet. */
    String campaign(String title) {
        return campaign(title, "FLOOD", "Ya'an, Sichuan", 30.0, 103.0, null);
    }

    /** One need to post: what, how many, how urgent, where. */
    record NeedSpec(String sector, String item, String unit, int quantity, String urgency, String site, double lat,
                    double lon, String privacy, Duration neededIn) {

        /** A shelter need with an exact site near Ya'an and no deadline. */
        static NeedSpec of(String item, int quantity) {
            return new NeedSpec("SHL", item, "piece", quantity, "HIGH", "Shelter of " + item, 30.01, 103.02, "EXACT", null);
        }
    }

    String need(String campaignId, NeedSpec need) {
        ObjectNode body = Api.object().put("sector", need.sector()).put("item", need.item()).put("unit", need.unit())
                .put("quantity", need.quantity()).put("urgency", need.urgency());
        if (need.neededIn() != null) {
            body.put("neededBy", Instant.now().plus(need.neededIn()).truncatedTo(ChronoUnit.SECONDS).toString());
        }
        body.putObject("site").put("name", need.site()).put("lat", need.lat()).put("lon", need.lon())
                .put("privacy", need.privacy());
        return require(api.post("/api/v1/campaigns/" + campaignId + "/needs", coordinator.credential(), body), 201)
                .json().get("id").asText();
    }

    String need(String campaignId, String item, int quantity) {
        return need(campaignId, NeedSpec.of(item, quantity));
    }

    /** A situation update with {@code text}, placed at lat/lon. */
    String post(String campaignId, String text, double lat, double lon) {
        ObjectNode body = Api.object().put("text", text);
        body.putObject("location").put("lat", lat).put("lon", lon);
        return require(api.post("/api/v1/campaigns/" + campaignId + "/posts", coordinator.credential(), body), 201)
                .json().get("id").asText();
    }

    /** A match pool of {@code amountFen} CNY from {@code sponsor}, matching 1:1. */
    String matchPool(String campaignId, String sponsor, long amountFen) {
        ObjectNode body = Api.object().put("sponsor", sponsor).put("ratio", 1.0);
        body.putObject("pool").put("amount", amountFen).put("currency", "CNY");
        return require(onceKnown(() -> api.post("/api/v1/campaigns/" + campaignId + "/match-pools",
                coordinator.credential(), body)), 201).json().get("id").asText();
    }

    void deliver(String pledgeId, int received) {
        require(api.post("/api/v1/pledges/" + pledgeId + "/deliver", coordinator.credential(),
                Map.of("quantityReceived", received, "note", "Counted at the site")), 200, 201);
    }

    // ----- donors -----

    /** An ALL_OR_NOTHING pledge of {@code quantity}, once donations-service has heard of the need. */
    JsonNode pledge(Api.Account donor, String needId, int quantity) {
        return require(onceKnown(() -> api.post("/api/v1/pledges", donor.credential(),
                Api.object().put("needId", needId).put("quantity", quantity).put("policy", "ALL_OR_NOTHING"))), 201).json();
    }

    void confirm(Api.Account donor, String pledgeId, String method, Duration etaIn) {
        String eta = Instant.now().plus(etaIn).truncatedTo(ChronoUnit.SECONDS).toString();
        require(api.post("/api/v1/pledges/" + pledgeId + "/confirm", donor.credential(),
                Map.of("method", method, "eta", eta)), 200, 201);
    }

    void dispatch(Api.Account donor, String pledgeId, String carrier, String trackingRef) {
        require(api.post("/api/v1/pledges/" + pledgeId + "/dispatch", donor.credential(),
                Map.of("carrier", carrier, "trackingRef", trackingRef)), 200, 201);
    }

    void cancel(Api.Account who, String pledgeId, String reason) {
        require(api.post("/api/v1/pledges/" + pledgeId + "/cancel", who.credential(), Map.of("reason", reason)),
                200, 201);
    }

    JsonNode donate(Api.Account donor, String campaignId, long amountFen) {
        ObjectNode body = Api.object().put("campaignId", campaignId);
        body.putObject("amount").put("amount", amountFen).put("currency", "CNY");
        return require(onceKnown(() -> api.post("/api/v1/donations", donor.credential(), body)), 201).json();
    }

    // ----- reads -----

    JsonNode need(String needId) {
        return require(api.get("/api/v1/needs/" + needId, Api.Credential.NONE), 200).json();
    }

    JsonNode matchPoolNow(String poolId) {
        return require(api.get("/api/v1/match-pools/" + poolId, Api.Credential.NONE), 200).json();
    }

    JsonNode pledgeNow(Api.Account donor, String pledgeId) {
        return require(api.get("/api/v1/pledges/" + pledgeId, donor.credential()), 200).json();
    }

    /** The donor's pledges (all of them, newest pages followed) as {@code GET /api/v1/me/pledges} lists them. */
    List<JsonNode> myPledges(Api.Account donor) {
        List<JsonNode> pledges = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = require(api.get("/api/v1/me/pledges?limit=200" + (cursor == null ? "" : "&cursor=" + cursor),
                    donor.credential()), 200).json();
            page.get("items").forEach(pledges::add);
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return pledges;
    }

    /** The donor's pledges on one need. */
    List<JsonNode> myPledges(Api.Account donor, String needId) {
        return myPledges(donor).stream().filter(pledge -> pledge.get("needId").asText().equals(needId)).toList();
    }

    /** The gift's trail ({@code GET /api/v1/me/gifts/{id}/trail}) once it satisfies {@code until}, within 30 s. */
    JsonNode trail(Api.Account donor, String giftId, Predicate<JsonNode> until) {
        return eventually("the trail of " + giftId, () -> {
            Api.Answer answer = api.get("/api/v1/me/gifts/" + giftId + "/trail", donor.credential());
            return answer.status() == 200 ? answer.json() : null;
        }, until);
    }

    /** The need ({@code GET /api/v1/needs/{id}}) once it satisfies {@code until}, within 30 s. */
    JsonNode needOnce(String needId, Predicate<JsonNode> until) {
        return eventually("need " + needId, () -> need(needId), until);
    }

    /** The feed's listing of the need once it satisfies {@code until}, within 30 s: what a page that loads now shows. */
    JsonNode listingOnce(String needId, Predicate<JsonNode> until) {
        return eventually("the feed's listing of need " + needId, () -> {
            Api.Answer answer = api.get("/api/v1/feed/needs?limit=200&status=OPEN,FULLY_PLEDGED,FULFILLED&campaignId="
                    + need(needId).get("campaignId").asText(), Api.Credential.NONE);
            if (answer.status() != 200) {
                return null;
            }
            for (JsonNode listing : answer.json().get("items")) {
                if (listing.get("id").asText().equals(needId)) {
                    return listing;
                }
            }
            return null;
        }, until);
    }

    /** The campaign's feed ({@code GET /api/v1/feed/campaigns/{id}}) once it satisfies {@code until}, within 30 s. */
    JsonNode campaignFeedOnce(String campaignId, Predicate<JsonNode> until) {
        return eventually("the feed of campaign " + campaignId, () -> {
            Api.Answer answer = api.get("/api/v1/feed/campaigns/" + campaignId + "?limit=50", Api.Credential.NONE);
            return answer.status() == 200 ? answer.json() : null;
        }, until);
    }

    private static JsonNode eventually(String what, Supplier<JsonNode> read, Predicate<JsonNode> until) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        last.set(read.get());
                        return last.get() != null && until.test(last.get());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + " is still not as expected after 30 s: " + last.get(), e);
        }
        return last.get();
    }

    /**
     * Sends {@code write} until it is not a 404: donations-service hears of a campaign or need through Kafka, so a
     * write that names one it has not heard of yet is a 404 for a moment.
     */
    private static Api.Answer onceKnown(Supplier<Api.Answer> write) {
        AtomicReference<Api.Answer> last = new AtomicReference<>();
        try {
            await().pollDelay(Duration.ZERO).atMost(HEARD_OF).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        last.set(write.get());
                        return last.get().status() != 404;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("still 404 after " + HEARD_OF.toSeconds() + " s: " + last.get(), e);
        }
        return last.get();
    }
}

package org.lifeline.system;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small relief operation made through the public API, for tests that attack it: two organisations
 * with a coordinator each, two donors, partners with and without each scope, and a campaign of the
 * first organisation with a need at an APPROXIMATE site, a match pool, a pledge, a donation, an offer
 * and a webhook, each owned by the actor it belongs to. Every actor calls from its own loopback address.
 */
final class ReliefWorld {

    /** The need's site, given with more decimals than any public read may show. */
    static final double SITE_LAT = 29.6512347;
    static final double SITE_LON = 102.1198764;
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    final RunningStack stack;
    final Api admin;
    final String tag;
    final String organisation;
    final String otherOrganisation;
    final Actor donor;
    final Actor otherDonor;
    final Actor coordinator;
    final Actor otherCoordinator;
    final PartnerActor feedPartner;
    final PartnerActor webhookPartner;
    final PartnerActor otherWebhookPartner;
    /** A partner whose key a test may revoke. */
    final Api.Partner expendablePartner;
    final String campaignId;
    final String needId;
    final String matchPoolId;
    final String pledgeId;
    final String donationId;
    final String offerId;
    final String webhookId;

    /** A person's account and the client it calls from. */
    record Actor(Api api, Api.Account account) {
        Api.Credential credential() {
            return account.credential();
        }
    }

    /** A partner and the client it calls from. */
    record PartnerActor(Api api, Api.Partner partner) {
        Api.Credential credential() {
            return partner.credential();
        }
    }

    /**
     * Builds the world; {@code tag} starts the names of its organisations, people and partners (so one
     * test's objects are told from another's), and {@code webhookUrl} is where the webhook partner's
     * subscription delivers.
     */
    ReliefWorld(RunningStack stack, String tag, String webhookUrl) {
        this.stack = stack;
        this.tag = tag;
        this.admin = stack.api().from(Loopback.next());
        organisation = admin.organisation(tag + " Red Cross");
        otherOrganisation = admin.organisation(tag + " Crescent Relief");
        donor = person(api -> api.donor(tag + " Donor Mei"));
        otherDonor = person(api -> api.donor(tag + " Donor Li"));
        coordinator = person(api -> api.coordinator(organisation, tag + " Coordinator Zhou"));
        otherCoordinator = person(api -> api.coordinator(otherOrganisation, tag + " Coordinator Wang"));
        feedPartner = partner(tag + " Feed partner", List.of("feed:read"));
        webhookPartner = partner(tag + " Webhook partner", List.of("webhooks:manage"));
        otherWebhookPartner = partner(tag + " Other partner", List.of("feed:read", "webhooks:manage"));
        expendablePartner = admin.newPartner(tag + " Expendable partner", null, List.of("feed:read"));

        campaignId = created(coordinator.api(), "/api/v1/campaigns", coordinator.credential(), campaignBody(organisation));
        needId = created(coordinator.api(), "/api/v1/campaigns/" + campaignId + "/needs", coordinator.credential(),
                needBody(1000));
        matchPoolId = created(coordinator.api(), "/api/v1/campaigns/" + campaignId + "/match-pools",
                coordinator.credential(), Map.of("sponsor", tag + " Sponsor", "ratio", 1.0,
                        "pool", money(1_000_000)));
        pledgeId = created(donor.api(), "/api/v1/pledges", donor.credential(), Map.of("needId", needId, "quantity", 5));
        donationId = created(donor.api(), "/api/v1/donations", donor.credential(),
                Map.of("campaignId", campaignId, "amount", money(5000)));
        offerId = created(donor.api(), "/api/v1/offers", donor.credential(), Map.of("sector", "SHL",
                "item", "Family tent", "unit", "piece", "quantity", 3, "location", Map.of("lat", 29.6, "lon", 102.1)));
        webhookId = created(webhookPartner.api(), "/api/v1/partners/me/webhooks", webhookPartner.credential(),
                webhookBody(webhookUrl));
        // Reads of the feed (gift trails, listings) follow the events: wait until it has the pledge.
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> donor.api()
                .get("/api/v1/me/gifts/" + pledgeId + "/trail", donor.credential()).status() == 200);
    }

    private Actor person(java.util.function.Function<Api, Api.Account> make) {
        Api api = stack.api().from(Loopback.next());
        return new Actor(api, make.apply(api));
    }

    private PartnerActor partner(String name, List<String> scopes) {
        return new PartnerActor(stack.api().from(Loopback.next()), admin.newPartner(name, null, scopes));
    }

    ObjectNode campaignBody(String organisationId) {
        ObjectNode body = Api.object().put("organisationId", organisationId).put("title", tag + " Luding earthquake")
                .put("kind", "EARTHQUAKE").put("region", "Sichuan");
        body.putObject("location").put("lat", 29.59).put("lon", 102.08);
        return body;
    }

    ObjectNode needBody(int quantity) {
        ObjectNode body = Api.object().put("sector", "SHL").put("item", "Family tent").put("unit", "piece")
                .put("quantity", quantity).put("urgency", "CRITICAL");
        body.putObject("site").put("name", "Moxi middle school").put("lat", SITE_LAT).put("lon", SITE_LON)
                .put("privacy", "APPROXIMATE");
        return body;
    }

    /**
     * A valid body for each operation that takes one, keyed by method and path; {@code grantee} is the account
     * a grant of coordinator names. A new operation that takes a body needs one here.
     */
    Map<String, Function<ExpectedAccess.Role, Object>> validBodies(Api.Account grantee) {
        Map<String, Function<ExpectedAccess.Role, Object>> bodies = new LinkedHashMap<>();
        bodies.put("POST /api/v1/auth/register", role -> Map.of("email", uniqueEmail(tag.toLowerCase(java.util.Locale.ROOT)),
                "password", "a long enough password", "displayName", tag + " " + role));
        bodies.put("POST /api/v1/auth/token", role -> Map.of("email", otherDonor.account().email(),
                "password", otherDonor.account().password()));
        bodies.put("POST /api/v1/organisations", role -> Map.of("name", tag + " organisation of " + role));
        bodies.put("POST /api/v1/organisations/{orgId}/coordinators", role -> Map.of("email", grantee.email()));
        bodies.put("POST /api/v1/partners", role -> Map.of("name", tag + " partner of " + role,
                "scopes", List.of("feed:read")));
        bodies.put("POST /api/v1/campaigns", role -> campaignBody(organisation));
        bodies.put("POST /api/v1/campaigns/{campaignId}/posts", role -> Map.of("text", "Roads to Moxi are open again."));
        bodies.put("POST /api/v1/campaigns/{campaignId}/needs", role -> needBody(10));
        bodies.put("POST /api/v1/campaigns/{campaignId}/match-pools", role -> Map.of("sponsor", tag + " sponsor",
                "ratio", 1.0, "pool", money(1000)));
        bodies.put("PATCH /api/v1/needs/{needId}", role -> Map.of("urgency", "HIGH"));
        bodies.put("POST /api/v1/needs/{needId}/close", role -> Map.of("reason", "CANCELLED"));
        bodies.put("POST /api/v1/pledges", role -> Map.of("needId", needId, "quantity", 1));
        bodies.put("POST /api/v1/pledges/{pledgeId}/confirm", role -> Map.of("method", "DROP_OFF",
                "eta", Instant.now().plus(Duration.ofDays(7)).toString()));
        bodies.put("POST /api/v1/pledges/{pledgeId}/dispatch", role -> Map.of("carrier", "SF Express"));
        bodies.put("POST /api/v1/pledges/{pledgeId}/deliver", role -> Map.of("quantityReceived", 1));
        bodies.put("POST /api/v1/pledges/{pledgeId}/cancel", role -> Map.of("reason", "plans changed"));
        bodies.put("POST /api/v1/donations", role -> Map.of("campaignId", campaignId,
                "amount", money(1000)));
        bodies.put("POST /api/v1/offers", role -> Map.of("sector", "SHL", "item", "Family tent", "unit", "piece",
                "quantity", 1, "location", Map.of("lat", 29.6, "lon", 102.1)));
        bodies.put("POST /api/v1/offers/{offerId}/accept", role -> Map.of("needId", needId, "quantity", 1));
        bodies.put("POST /api/v1/partners/me/webhooks", role -> webhookBody("http://127.0.0.1:9/hook"));
        bodies.put("POST /api/v1/partners/me/webhooks/{webhookId}/redeliver", role -> Map.of("fromPosition", 1));
        return bodies;
    }

    /** The path with this world's ids in place of its parameters; a parameter the world has no id for fails. */
    String path(String template) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String id = switch (matcher.group(1)) {
                case "accountId" -> donor.account().id();
                case "orgId" -> organisation;
                case "partnerId" -> expendablePartner.id();
                case "campaignId" -> campaignId;
                case "needId" -> needId;
                case "pledgeId", "giftId" -> pledgeId;
                case "poolId" -> matchPoolId;
                case "donationId" -> donationId;
                case "offerId" -> offerId;
                case "webhookId" -> webhookId;
                default -> throw new AssertionError("no id for path parameter {" + matcher.group(1) + "} of " + template);
            };
            matcher.appendReplacement(path, id);
        }
        matcher.appendTail(path);
        return path.toString();
    }

    static ObjectNode webhookBody(String url) {
        ObjectNode body = Api.object().put("url", url).put("secret", "a webhook secret of 32 characters");
        body.putArray("eventTypes").add("need.*").add("pledge.*").add("post.*");
        return body;
    }

    static Map<String, Object> money(long amount) {
        return Map.of("amount", amount, "currency", "CNY");
    }

    /**
     * POSTs until the answer is 201 and returns the new id: a write that names a campaign or need the
     * service has not heard of yet (its event is still on the way) answers 404 and is tried again.
     */
    static String created(Api api, String path, Api.Credential who, Object body) {
        return createdBy(() -> api.post(path, who, body), path);
    }

    static String createdBy(Supplier<Api.Answer> post, String what) {
        AtomicReference<Api.Answer> last = new AtomicReference<>();
        try {
            await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                last.set(post.get());
                return last.get().status() != 404 && last.get().status() != 429;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " kept answering " + last.get(), e);
        }
        return Api.require(last.get(), 201).json().get("id").asText();
    }

    static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID() + "@example.org";
    }
}

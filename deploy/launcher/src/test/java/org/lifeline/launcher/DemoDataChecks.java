package org.lifeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a newcomer sees of the demo data through the public API, and a snapshot of it to tell that a re-seed added nothing. */
final class DemoDataChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI gateway;

    DemoDataChecks(URI gateway) {
        this.gateway = gateway;
    }

    /** Everything the demo promises, polled (the feed follows the events) for up to a minute. */
    void assertSeeded(DemoData.Outcome outcome) {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertShows(outcome));
    }

    private void assertShows(DemoData.Outcome outcome) throws Exception {
        List<JsonNode> campaigns = demoCampaigns();
        assertThat(campaigns).as("one demo campaign").hasSize(1);
        assertThat(campaigns.getFirst().get("id").asText()).isEqualTo(outcome.campaignId());
        assertThat(campaigns.getFirst().get("kind").asText()).isEqualTo("EARTHQUAKE");

        List<JsonNode> needs = needs(outcome.campaignId());
        assertThat(needs).hasSize(DemoData.NEEDS.size());
        assertThat(needs.stream().map(need -> need.get("sector").asText()).distinct()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(needs.stream().map(need -> need.at("/site/name").asText()).distinct()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(needs.stream().map(need -> need.at("/site/privacy").asText()).distinct())
                .containsExactlyInAnyOrder("EXACT", "APPROXIMATE");
        assertThat(needs.stream().map(need -> need.get("status").asText()).distinct())
                .contains("OPEN", "FULLY_PLEDGED", "FULFILLED");
        assertThat(needs).allSatisfy(need -> assertThat(need.get("neededBy").isTextual()).isTrue());

        JsonNode feed = get("/api/v1/feed/campaigns/" + outcome.campaignId());
        JsonNode totals = feed.get("totals");
        assertThat(DemoData.raised(totals)).as("raised").isPositive();
        assertThat(totals.at("/matched/amount").asLong()).as("matched").isPositive();
        assertThat(totals.get("donors").asInt()).isEqualTo(DemoData.DONORS.size());
        assertThat(totals.get("unitsReserved").asLong()).isPositive();
        assertThat(totals.get("unitsDelivered").asLong()).isPositive();
        List<String> types = new ArrayList<>();
        feed.get("timeline").forEach(item -> types.add(item.get("type").asText()));
        assertThat(types).filteredOn("post"::equals).hasSize(DemoData.POSTS.size() + 1);
        assertThat(types).contains("need", "milestone");

        JsonNode pool = get("/api/v1/match-pools/" + outcome.matchPoolId());
        assertThat(pool.get("status").asText()).isEqualTo("OPEN");
        assertThat(pool.at("/remaining/amount").asLong()).isPositive().isLessThan(50_000_000);

        assertThat(pledgeStatuses().values().stream().flatMap(List::stream).distinct())
                .contains("RESERVED", "CONFIRMED", "IN_TRANSIT", "DELIVERED");
    }

    /** What a re-seed must leave as it was: the demo campaigns, needs, timeline, totals, pool and pledges. */
    String snapshot(DemoData.Outcome outcome) throws Exception {
        Map<String, Object> snapshot = new TreeMap<>();
        snapshot.put("campaigns", demoCampaigns().stream().map(campaign -> campaign.get("id").asText()).toList());
        snapshot.put("needs", new TreeSet<>(needs(outcome.campaignId()).stream().map(need -> need.get("id").asText()
                + " " + need.get("version").asText() + " " + need.get("reserved").asText()).toList()));
        JsonNode feed = get("/api/v1/feed/campaigns/" + outcome.campaignId());
        snapshot.put("totals", feed.get("totals").toString());
        snapshot.put("timeline", feed.get("timeline").size());
        snapshot.put("pool", get("/api/v1/match-pools/" + outcome.matchPoolId()).get("remaining").toString());
        snapshot.put("pledges", pledgeStatuses());
        return JSON.writeValueAsString(snapshot);
    }

    private List<JsonNode> demoCampaigns() throws Exception {
        List<JsonNode> found = new ArrayList<>();
        get("/api/v1/campaigns?status=ACTIVE&limit=200").get("items").forEach(campaign -> {
            if (campaign.get("title").asText().equals(DemoData.CAMPAIGN_TITLE)) {
                found.add(campaign);
            }
        });
        return found;
    }

    private List<JsonNode> needs(String campaignId) throws Exception {
        List<JsonNode> needs = new ArrayList<>();
        get("/api/v1/feed/needs?campaignId=" + campaignId + "&limit=200").get("items").forEach(needs::add);
        return needs;
    }

    /** Each demo donor's pledges (id and status), as the donor sees them. */
    private Map<String, List<String>> pledgeStatuses() throws Exception {
        Map<String, List<String>> statuses = new TreeMap<>();
        for (DemoData.Person donor : DemoData.DONORS) {
            String token = post("/api/v1/auth/token", Map.of("email", donor.email(), "password", donor.password()))
                    .get("accessToken").asText();
            List<String> pledges = new ArrayList<>();
            send(HttpRequest.newBuilder(gateway.resolve("/api/v1/me/pledges?limit=200"))
                    .header("Authorization", "Bearer " + token).GET()).get("items")
                    .forEach(pledge -> pledges.add(pledge.get("status").asText()));
            statuses.put(donor.email(), pledges.stream().sorted().toList());
        }
        return statuses;
    }

    private JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).GET());
    }

    private JsonNode post(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

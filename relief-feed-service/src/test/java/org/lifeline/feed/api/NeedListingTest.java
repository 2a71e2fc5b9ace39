package org.lifeline.feed.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.feed.FeedEvents;
import org.lifeline.feed.Scenario;
import org.lifeline.testing.LifelineTestResource;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class NeedListingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static RequestSpecification listing(UUID campaignId) {
        return given().queryParam("campaignId", campaignId.toString());
    }

    private static JsonPath page(RequestSpecification request) {
        return request.get("/api/v1/feed/needs").then().statusCode(200).extract().jsonPath();
    }

    private void awaitNeeds(UUID campaignId, int count) {
        await().atMost(WAIT).until(() -> page(listing(campaignId).queryParam("limit", 200))
                .getList("items").size() == count);
    }

    /** Ids in the order PostgreSQL sorts uuids (byte-wise, as their lower-case text). */
    private static List<UUID> sortedIds(int count) {
        return Stream.generate(UUID::randomUUID).limit(count).sorted(Comparator.comparing(UUID::toString)).toList();
    }

    @Test
    void needs_are_ordered_by_urgency_then_distance_then_deadline_then_id() {
        Scenario s = new Scenario();
        List<UUID> ids = sortedIds(6);
        UUID criticalNear = ids.get(4);
        UUID criticalFar = ids.get(0);
        UUID highSoon = ids.get(5);
        UUID highLater = ids.get(1);
        UUID highNoDeadline = ids.get(2);
        UUID lowWater = ids.get(3);
        Instant soon = Instant.parse("2026-12-01T00:00:00Z");
        Instant later = Instant.parse("2026-12-05T00:00:00Z");
        FeedEvents.send(bootstrap, List.of(s.opened("Order test"),
                s.need(criticalNear, "urgency", "CRITICAL", "site", Scenario.site("A", 31.00, 103.00, "EXACT")),
                s.need(criticalFar, "urgency", "CRITICAL", "site", Scenario.site("B", 39.90, 116.40, "EXACT")),
                s.need(highSoon, "urgency", "HIGH", "neededBy", soon, "site", Scenario.site("C", 31.10, 103.10,
                        "EXACT")),
                s.need(highLater, "urgency", "HIGH", "neededBy", later, "site", Scenario.site("C", 31.10, 103.10,
                        "EXACT")),
                s.need(highNoDeadline, "urgency", "HIGH", "site", Scenario.site("C", 31.10, 103.10, "EXACT")),
                s.need(lowWater, "urgency", "LOW", "sector", "WSH", "item", "Water purification tablets",
                        "site", Scenario.site("D", 31.00, 103.00, "EXACT"))));
        awaitNeeds(s.campaignId, 6);

        // Without near: urgency, then deadline (none last), then id.
        assertThat(page(listing(s.campaignId)).getList("items.id")).containsExactly(criticalFar.toString(),
                criticalNear.toString(), highSoon.toString(), highLater.toString(), highNoDeadline.toString(),
                lowWater.toString());
        // Near Wenchuan: distance decides within an urgency.
        JsonPath near = page(listing(s.campaignId).queryParam("near", "31.0,103.0"));
        assertThat(near.getList("items.id")).containsExactly(criticalNear.toString(), criticalFar.toString(),
                highSoon.toString(), highLater.toString(), highNoDeadline.toString(), lowWater.toString());
        assertThat(near.getDouble("items[0].distanceKm")).isEqualTo(0.0);
        assertThat(near.getDouble("items[1].distanceKm")).isBetween(1_400.0, 1_600.0);
        assertThat(near.getDouble("items[2].distanceKm")).isBetween(14.0, 15.0);
        // A radius drops the far one; filters narrow down.
        assertThat(page(listing(s.campaignId).queryParam("near", "31.0,103.0").queryParam("radiusKm", 100))
                .getList("items.id")).doesNotContain(criticalFar.toString()).hasSize(5);
        assertThat(page(listing(s.campaignId).queryParam("sector", "WSH")).getList("items.id"))
                .containsExactly(lowWater.toString());
        assertThat(page(listing(s.campaignId).queryParam("urgency", "high,low")).getList("items.id"))
                .containsExactly(highSoon.toString(), highLater.toString(), highNoDeadline.toString(),
                        lowWater.toString());
        assertThat(page(listing(s.campaignId).queryParam("item", "purification")).getList("items.id"))
                .containsExactly(lowWater.toString());
        assertThat(page(listing(s.campaignId).queryParam("status", "FULFILLED")).getList("items")).isEmpty();
        assertThat(page(listing(s.campaignId).queryParam("status", "OPEN")).getList("items")).hasSize(6);
    }

    @Test
    void bad_filters_are_a_400_naming_each_field() {
        given().queryParam("near", "91,0").queryParam("sector", "XYZ").queryParam("limit", "0")
                .queryParam("cursor", "not-a-cursor").queryParam("asOf", "yesterday")
                .queryParam("campaignId", "42").queryParam("urgency", "URGENT").queryParam("status", "DONE")
                .get("/api/v1/feed/needs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://lifeline.org/problems/validation"))
                .body("errors.field", containsInAnyOrder("near", "sector", "limit", "cursor", "asOf",
                        "campaignId", "urgency", "status"));
        given().queryParam("radiusKm", "10").get("/api/v1/feed/needs")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", containsInAnyOrder("radiusKm"));
        given().queryParam("near", "31,103").queryParam("radiusKm", "-1").get("/api/v1/feed/needs")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("radiusKm"));
        given().queryParam("near", "31,103").get("/api/v1/feed/needs").then().statusCode(200);
    }

    @Test
    void a_cursor_keeps_its_place_while_needs_are_added() {
        Scenario s = new Scenario();
        List<UUID> ids = sortedIds(9);
        // Five needs at first (ids 1, 3, 4, 6, 8 in sort order); the others come in between pages.
        List<UUID> first = List.of(ids.get(1), ids.get(3), ids.get(4), ids.get(6), ids.get(8));
        List<FeedEvents.Event> events = new ArrayList<>(List.of(s.opened("Cursor test")));
        first.forEach(id -> events.add(s.need(id, "urgency", "MEDIUM")));
        FeedEvents.send(bootstrap, events);
        awaitNeeds(s.campaignId, 5);

        JsonPath page1 = page(listing(s.campaignId).queryParam("limit", 2));
        assertThat(page1.getList("items.id")).containsExactly(ids.get(1).toString(), ids.get(3).toString());
        String cursor = page1.getString("nextCursor");

        // New needs before the cursor (ids 0, 2) and after it (5, 7); an offset would now repeat an item.
        FeedEvents.send(bootstrap, List.of(s.need(ids.get(0), "urgency", "MEDIUM"), s.need(ids.get(2), "urgency",
                "MEDIUM"), s.need(ids.get(5), "urgency", "MEDIUM"), s.need(ids.get(7), "urgency", "MEDIUM")));
        awaitNeeds(s.campaignId, 9);

        List<Object> rest = new ArrayList<>();
        while (cursor != null) {
            JsonPath next = page(listing(s.campaignId).queryParam("limit", 2).queryParam("cursor", cursor));
            rest.addAll(next.getList("items.id"));
            cursor = next.getString("nextCursor");
        }
        assertThat(rest).containsExactly(ids.get(4).toString(), ids.get(5).toString(), ids.get(6).toString(),
                ids.get(7).toString(), ids.get(8).toString());

        // A cursor belongs to its filters.
        given().queryParam("campaignId", s.campaignId.toString()).queryParam("urgency", "LOW")
                .queryParam("cursor", page1.getString("nextCursor")).get("/api/v1/feed/needs")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("cursor"));
    }

    @Test
    void as_of_shows_the_listing_as_it_stood_then() {
        Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
        Scenario s = new Scenario(t0);
        UUID tents = UUID.randomUUID();
        UUID water = UUID.randomUUID();
        FeedEvents.send(bootstrap, List.of(
                s.at(t0).opened("Time travel"),
                s.at(t0.plusSeconds(60)).need(tents, "quantity", 100, "urgency", "HIGH"),
                s.at(t0.plusSeconds(120)).reservedOnNeed(tents, UUID.randomUUID(), 40),
                s.at(t0.plusSeconds(180)).needEvent(NeedReprioritized.TYPE, tents, "from", "HIGH", "to", "CRITICAL"),
                s.at(t0.plusSeconds(240)).need(water, "quantity", 10, "urgency", "LOW")));
        awaitNeeds(s.campaignId, 2);

        JsonPath then = page(listing(s.campaignId).queryParam("asOf", t0.plusSeconds(150).toString()));
        assertThat(then.getList("items.id")).containsExactly(tents.toString());
        assertThat(then.getInt("items[0].reserved")).isEqualTo(40);
        assertThat(then.getString("items[0].urgency")).isEqualTo("HIGH");
        assertThat(page(listing(s.campaignId).queryParam("asOf", t0.plusSeconds(30).toString())).getList("items"))
                .isEmpty();
        assertThat(page(listing(s.campaignId).queryParam("asOf", t0.plusSeconds(60).toString()))
                .getInt("items[0].reserved")).isEqualTo(0);
        JsonPath now = page(listing(s.campaignId));
        assertThat(now.getList("items.id")).containsExactly(tents.toString(), water.toString());
        assertThat(now.getString("items[0].urgency")).isEqualTo("CRITICAL");
    }

    @Test
    void a_listing_as_of_a_time_still_to_come_is_refused() {
        given().queryParam("asOf", java.time.Instant.now().plusSeconds(3600).toString()).get("/api/v1/feed/needs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("asOf"));
    }

}

package org.lifeline.feed.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.feed.FeedEvents;
import org.lifeline.feed.Scenario;
import org.lifeline.feed.Tokens;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class NeedExportTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EXPORT = "/api/v1/feed/needs/export.csv";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    private static byte[] export(String token, UUID campaignId, Instant asOf) {
        var request = given().auth().oauth2(token).queryParam("campaignId", campaignId.toString());
        if (asOf != null) {
            request.queryParam("asOf", asOf.toString());
        }
        return request.get(EXPORT).then().statusCode(200).contentType("text/csv").extract().asByteArray();
    }

    private static List<String> lines(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        return Arrays.asList(text.split("\r\n"));
    }

    @Test
    void only_partners_with_feed_read_coordinators_and_admins_may_export() {
        given().get(EXPORT).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.donor(UUID.randomUUID())).get(EXPORT).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.partner(UUID.randomUUID(), "webhooks:manage")).get(EXPORT).then()
                .statusCode(403);
        given().auth().oauth2(Tokens.partner(UUID.randomUUID(), "feed:read")).get(EXPORT).then().statusCode(200);
        given().auth().oauth2(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID())).get(EXPORT).then()
                .statusCode(200);
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID())).get(EXPORT).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID())).queryParam("asOf", "noon").get(EXPORT).then()
                .statusCode(400);
    }

    @Test
    void the_same_as_of_gives_the_same_bytes_after_more_events_arrived() {
        Instant t0 = Instant.parse("2026-09-01T00:00:00Z");
        Scenario s = new Scenario(t0);
        UUID tents = UUID.randomUUID();
        UUID water = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        String partner = Tokens.partner(UUID.randomUUID(), "feed:read");
        FeedEvents.send(bootstrap, List.of(
                s.at(t0).opened("Export test"),
                s.at(t0.plusSeconds(10)).need(tents, "quantity", 300, "item", "Family tent, 4-6 persons",
                        "site", Scenario.site("Yingxiu \"camp\"", 31.0612345, 103.4987654, "APPROXIMATE")),
                s.at(t0.plusSeconds(20)).need(water, "quantity", 50, "sector", "WSH", "urgency", "HIGH",
                        "site", Scenario.site("Beichuan school", 31.83, 104.46, "EXACT")),
                s.at(t0.plusSeconds(30)).reservedOnNeed(tents, UUID.randomUUID(), 120)));
        await().atMost(WAIT).until(() -> lines(export(partner, s.campaignId, null)).size() == 4
                && lines(export(partner, s.campaignId, null)).get(2).contains(",120,"));
        Instant asOf = t0.plusSeconds(40);
        byte[] first = export(partner, s.campaignId, asOf);

        // More happens afterwards: a new need and changes to the old ones.
        FeedEvents.send(bootstrap, List.of(
                s.at(t0.plusSeconds(50)).need(later, "quantity", 5),
                s.at(t0.plusSeconds(60)).reservedOnNeed(tents, UUID.randomUUID(), 30),
                s.at(t0.plusSeconds(70)).needEvent(NeedReprioritized.TYPE, water, "from", "HIGH", "to", "CRITICAL")));
        await().atMost(WAIT).until(() -> lines(export(partner, s.campaignId, null)).size() == 5);

        byte[] second = export(TestTokens.coordinator(UUID.randomUUID(), s.organisationId), s.campaignId, asOf);
        assertThat(second).isEqualTo(first);

        List<String> rows = lines(first);
        assertThat(rows.get(0)).startsWith("Need id,Crisis,Date reported,Needed by,Status,Sector,Item,Unit,");
        assertThat(rows.get(1)).isEqualTo("#meta+id,#crisis+code,#date+reported,#date+end,#status+code,"
                + "#sector+cluster+code,#item+name,#item+unit,#item+num+requested,#item+num+pledged,"
                + "#item+num+delivered,#org+impl+name,#loc+name,#geo+lat,#geo+lon,#severity,#meta+source");
        assertThat(rows).hasSize(4);
        long position = Long.parseLong(rows.get(2).substring(rows.get(2).lastIndexOf(',') + 1));
        // The crisis code is the campaign's GLIDE number (the golden sample's).
        assertThat(rows.get(2)).isEqualTo(String.join(",", tents.toString(), "EQ-2026-000123-CHN",
                t0.plusSeconds(10).toString(), "", "OPEN", "SHL", "\"Family tent, 4-6 persons\"", "tent", "300", "120",
                "0", s.organisationId.toString(), "\"Yingxiu \"\"camp\"\"\"", "31.06", "103.5", "CRITICAL",
                Long.toString(position)));
        assertThat(rows.get(3)).startsWith(water + ",EQ-2026-000123-CHN,").contains(",WSH,").contains(",HIGH,")
                .endsWith("," + position);
        // The position the export was taken at: the last one at or before asOf.
        long expected = pool.query("SELECT max(position) AS p FROM feed_log WHERE occurred_at <= '" + asOf + "'")
                .execute().await().atMost(WAIT).iterator().next().getLong("p");
        assertThat(position).isEqualTo(expected);

        List<String> now = lines(export(partner, s.campaignId, null));
        assertThat(now).hasSize(5);
        assertThat(now.get(2)).contains(",150,");
    }
}

package org.lifeline.feed.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.feed.FeedConsumer;
import org.lifeline.feed.FeedEvents;
import org.lifeline.feed.MixedStory;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class RebuildTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REBUILD = "/api/v1/feed/admin/rebuild";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Test
    void only_an_admin_may_rebuild() {
        given().post(REBUILD).then().statusCode(401);
        given().auth().oauth2(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID())).post(REBUILD)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void a_rebuild_from_the_topics_gives_the_read_models_built_event_by_event() {
        MixedStory story = new MixedStory(Instant.parse("2026-08-01T00:00:00Z"));
        FeedEvents.send(bootstrap, story.events);
        await().atMost(WAIT).until(this::caughtUp);
        await().atMost(WAIT).until(() -> !campaignRows(story.s.campaignId).isEmpty()
                && campaignRows(story.s.campaignId).getFirst().contains("CLOSED"));
        Map<String, List<String>> before = snapshot();
        long logged = count("SELECT count(*) AS n FROM feed_log");
        assertThat(before.get("feed_needs")).isNotEmpty();
        assertThat(before.get("gift_trail_events")).isNotEmpty();

        given().auth().oauth2(TestTokens.admin(UUID.randomUUID())).post(REBUILD)
                .then().statusCode(202).body("status", equalTo("REPLAYING"));
        await().atMost(WAIT).until(() -> caughtUp() && snapshot().get("feed_needs").size()
                == before.get("feed_needs").size());
        await().atMost(WAIT).until(this::caughtUp);

        Map<String, List<String>> after = snapshot();
        for (String table : ReliefFeedProjection.READ_MODELS) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        // The log kept its positions: nothing was logged twice.
        assertThat(count("SELECT count(*) AS n FROM feed_log")).isEqualTo(logged);
    }

    /** Every row of every read model as JSON text without positions, sorted. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : ReliefFeedProjection.READ_MODELS) {
            List<String> rows = new ArrayList<>();
            for (Row row : pool.query("SELECT (to_jsonb(t) - 'position')::text AS r FROM " + table + " t ORDER BY 1")
                    .execute().await().atMost(WAIT)) {
                rows.add(row.getString("r"));
            }
            tables.put(table, rows);
        }
        return tables;
    }

    private List<String> campaignRows(UUID campaignId) {
        List<String> rows = new ArrayList<>();
        pool.query("SELECT data::text AS d FROM feed_campaigns WHERE id = '" + campaignId + "'").execute()
                .await().atMost(WAIT).forEach(row -> rows.add(row.getString("d")));
        return rows;
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong("n");
    }

    private boolean caughtUp() throws Exception {
        return FeedConsumer.caughtUp(bootstrap);
    }
}

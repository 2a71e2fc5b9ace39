package org.lifeline.feed.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.feed.FeedEvents;
import org.lifeline.feed.Scenario;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.feed.infra.FeedSignal;
import org.lifeline.feed.infra.FeedWatch;
import org.lifeline.support.eventsourcing.KernelConnections;
import org.lifeline.testing.LifelineTestResource;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class FeedStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/api/v1/feed/stream")
    URI stream;

    @Inject
    Vertx vertx;

    @Inject
    KernelConnections connections;

    @Inject
    Pool pool;

    @Inject
    FeedStreamRoute route;

    @Inject
    FeedWatch watch;

    private URI campaignStream(UUID campaignId) {
        return URI.create(stream + "?campaignId=" + campaignId);
    }

    private static String subject(SseClient.Event event) {
        return FeedJson.tree(event.data()).path("id").asText();
    }

    @Test
    void a_client_that_reconnects_with_last_event_id_gets_everything_after_it_and_nothing_twice() throws Exception {
        Scenario s = new Scenario();
        Scenario elsewhere = new Scenario();
        List<UUID> needs = IntStream.range(0, 9).mapToObj(i -> UUID.randomUUID()).toList();
        List<SseClient.Event> seen = new ArrayList<>();
        long lastId;
        try (SseClient client = SseClient.open(campaignStream(s.campaignId), null)) {
            List<FeedEvents.Event> first = new ArrayList<>(List.of(s.opened("SSE test")));
            needs.subList(0, 5).forEach(id -> first.add(s.need(id)));
            first.add(elsewhere.opened("Another campaign"));
            FeedEvents.send(bootstrap, first);
            seen.addAll(client.take(3, WAIT));
            assertThat(seen).hasSize(3);
            lastId = seen.getLast().id();
        }
        // Missed while disconnected: the rest of the first batch and four more needs.
        List<FeedEvents.Event> more = new ArrayList<>();
        needs.subList(5, 9).forEach(id -> more.add(s.need(id)));
        more.add(elsewhere.need(UUID.randomUUID()));
        FeedEvents.send(bootstrap, more);

        try (SseClient client = SseClient.open(campaignStream(s.campaignId), Long.toString(lastId))) {
            List<SseClient.Event> resumed = client.take(7, WAIT);
            assertThat(resumed).hasSize(7);
            assertThat(resumed.getFirst().id()).isGreaterThan(lastId);
            seen.addAll(resumed);
            // Nothing more (in particular nothing of the other campaign) within a heartbeat or two.
            await().atMost(WAIT).until(() -> client.comments() >= 3);
            assertThat(client.pending()).isEmpty();
        }
        List<Long> ids = seen.stream().map(SseClient.Event::id).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(seen.getFirst().name()).isEqualTo("campaign");
        assertThat(subject(seen.getFirst())).isEqualTo(s.campaignId.toString());
        assertThat(seen.subList(1, 10)).allMatch(event -> event.name().equals("need"));
        assertThat(seen.subList(1, 10).stream().map(FeedStreamTest::subject).collect(Collectors.toSet()))
                .isEqualTo(needs.stream().map(UUID::toString).collect(Collectors.toSet()));
    }

    @Test
    void the_projection_notifies_lifeline_feed_after_its_commit() {
        List<String> payloads = new CopyOnWriteArrayList<>();
        PgConnection listener = PgConnection.connect(vertx, connections.database()).await().atMost(WAIT);
        try {
            listener.notificationHandler(notification -> payloads.add(notification.getPayload()));
            listener.query("LISTEN " + FeedSignal.CHANNEL).execute().await().atMost(WAIT);
            Scenario s = new Scenario();
            FeedEvents.send(bootstrap, List.of(s.opened("Notify test")));
            await().atMost(WAIT).until(() -> !payloads.isEmpty());
            long position = pool.query("SELECT position FROM feed_log WHERE subject = '" + s.campaignId + "'")
                    .execute().await().atMost(WAIT).iterator().next().getLong("position");
            await().atMost(WAIT).until(() -> payloads.stream().mapToLong(Long::parseLong).max().orElse(0) >= position);
        } finally {
            listener.close().await().atMost(WAIT);
        }
    }

    @Test
    void the_stream_is_in_the_openapi_document() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/feed/stream'.get.responses.'200'", notNullValue())
                .body("paths.'/api/v1/feed/needs'.get", notNullValue());
    }

    @Test
    void an_idle_stream_gets_heartbeats() throws Exception {
        try (SseClient client = SseClient.open(campaignStream(UUID.randomUUID()), null)) {
            int before = client.comments();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.comments() >= before + 2);
            assertThat(client.take(1, Duration.ofMillis(10))).isEmpty();
        }
    }

    @Test
    void a_bad_position_or_campaign_is_a_400() {
        given().header("Last-Event-ID", "abc").queryParam("campaignId", "nope").get("/api/v1/feed/stream")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("Last-Event-ID", "campaignId"));
    }

    /** Enough large posts that one client's stream is far more than any socket buffers hold (~20 MB). */
    private static final int POSTS = 4_000;
    /** The longest post text campaigns-service accepts. */
    private static final int POST_TEXT = 5_000;

    @Test
    void a_client_that_does_not_read_holds_back_no_one_else() throws Exception {
        UUID campaignId = UUID.randomUUID();
        String query = "campaignId=" + campaignId;
        try (RawStream gone = RawStream.open(stream, query); RawStream late = RawStream.open(stream, query)) {
            // Both stalled streams start at the current position, so they must be open before the posts come.
            await().atMost(WAIT).until(() -> streamsOf(campaignId).size() == 2);
            try (SseClient reader = SseClient.open(campaignStream(campaignId), null)) {
                int readers = watch.readers();
                List<Long> positions = appendPosts(campaignId);
                long last = positions.getLast();

                // The reading client gets every post, in order, while the other two read nothing.
                List<SseClient.Event> received = reader.take(POSTS, WAIT);
                assertThat(received).extracting(SseClient.Event::id).containsExactlyElementsOf(positions);
                assertThat(received).allMatch(event -> event.name().equals("post"));
                assertThat(FeedJson.tree(received.getLast().data()).path("text").asText()).hasSize(POST_TEXT);
                long bytes = received.stream().mapToLong(event -> event.data().length()).sum();

                // The stalled ones are stuck behind: their write queues are full, so their streams stopped reading.
                await().atMost(WAIT).until(() -> stateOf(gone).waitingForClient() && stateOf(late).waitingForClient());
                FeedStreamRoute.StreamState stalled = stateOf(gone);
                assertThat(stalled.position()).isLessThan(last);
                assertThat(stateOf(late).position()).isLessThan(last);
                long behind = positions.stream().filter(position -> position > stalled.position()).count();
                Log.infof("slow-client proof: the reader got %d posts (%d bytes of data); the stalled stream was"
                                + " written %d bytes, up to position %d of %d (%d posts behind), and waits for its client",
                        received.size(), bytes, stalled.bytesWritten(), stalled.position(), last, behind);
                assertThat(stalled.bytesWritten()).isLessThan(bytes);

                String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
                assertThat(gauge(metrics, "lifeline_feed_stream_clients")).isGreaterThanOrEqualTo(3);
                assertThat(gauge(metrics, "lifeline_feed_stream_slow_clients")).isGreaterThanOrEqualTo(2);
                assertThat(gauge(metrics, "lifeline_feed_stream_lag_max")).isGreaterThanOrEqualTo(behind);

                // A stalled client that hangs up leaves nothing behind: no stream, no wake-up subscription.
                int port = gone.port();
                gone.close();
                await().atMost(WAIT).until(() -> streamsOf(campaignId).stream()
                        .noneMatch(state -> state.client().port() == port));
                assertThat(watch.readers()).isLessThanOrEqualTo(readers - 1);

                // A stalled client that reads again gets the rest, in order, nothing twice: the drain resumed it.
                late.startReading();
                await().atMost(WAIT).until(() -> late.ids().size() >= POSTS);
                assertThat(late.ids()).containsExactlyElementsOf(positions);
                FeedStreamRoute.StreamState caughtUp = stateOf(late);
                assertThat(caughtUp.position()).isEqualTo(last);
                assertThat(caughtUp.waitingForClient()).isFalse();
            }
        }
        await().atMost(WAIT).until(() -> streamsOf(campaignId).isEmpty());
    }

    private List<FeedStreamRoute.StreamState> streamsOf(UUID campaignId) {
        return route.streams().stream().filter(state -> campaignId.equals(state.campaignId())).toList();
    }

    private FeedStreamRoute.StreamState stateOf(RawStream client) {
        return route.streams().stream().filter(state -> state.client().port() == client.port()).findFirst()
                .orElseThrow(() -> new AssertionError("no stream for the client on port " + client.port()));
    }

    /**
     * Appends {@link #POSTS} public posts of {@link #POST_TEXT} characters to the campaign's feed log as the
     * projector would (gap-free positions from the counter, in one transaction), then notifies the watchers.
     * Written straight to the log: the stream is under test here, and the projection would take far longer.
     */
    private List<Long> appendPosts(UUID campaignId) {
        List<Long> positions = new ArrayList<>();
        pool.withTransaction(tx -> tx.preparedQuery("""
                        WITH next AS (UPDATE feed_counter SET last_position = last_position + $2 RETURNING last_position)
                        INSERT INTO feed_log (position, event_id, kind, type, campaign_id, subject, occurred_at, data)
                        SELECT next.last_position - $2 + post.n, gen_random_uuid(), 'post', 'post.PostPublished', $1,
                               post.id::text, now(), jsonb_build_object('id', post.id, 'campaignId', $1::uuid,
                                   'text', rpad('Update ' || post.n || ' from the field. ', $3, 'x'), 'location', null,
                                   'mediaUrls', '[]'::jsonb, 'publishedAt', now())
                        FROM next, (SELECT n, gen_random_uuid() AS id FROM generate_series(1, $2) n) post
                        RETURNING position""")
                        .execute(Tuple.of(campaignId, (long) POSTS, POST_TEXT)))
                .await().atMost(WAIT)
                .forEach(row -> positions.add(row.getLong("position")));
        pool.query("SELECT pg_notify('" + FeedSignal.CHANNEL + "', last_position::text) FROM feed_counter")
                .execute().await().atMost(WAIT);
        positions.sort(null);
        assertThat(positions).hasSize(POSTS);
        return positions;
    }

    private static double gauge(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(name + " on /q/metrics").isTrue();
        return Double.parseDouble(value.group(1));
    }
}

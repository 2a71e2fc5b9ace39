package org.lifeline.feed.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.feed.FeedEvents;
import org.lifeline.feed.Scenario;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.feed.infra.FeedSignal;
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

    @Test
    void a_client_that_does_not_read_holds_back_no_one_else() throws Exception {
        Scenario s = new Scenario();
        try (Socket stalled = new Socket()) {
            // Asks for the stream and then never reads from it.
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress(stream.getHost(), stream.getPort()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET " + stream.getPath() + "?campaignId=" + s.campaignId + " HTTP/1.1\r\nHost: "
                    + stream.getHost() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try (SseClient reader = SseClient.open(campaignStream(s.campaignId), null)) {
                String text = "x".repeat(4_000);
                List<FeedEvents.Event> posts = new ArrayList<>(List.of(s.opened("Slow client test")));
                IntStream.range(0, 400).forEach(i -> posts.add(s.post(UUID.randomUUID(), i + " " + text)));
                FeedEvents.send(bootstrap, posts);

                List<SseClient.Event> received = reader.take(401, Duration.ofSeconds(60));
                assertThat(received).hasSize(401);
                Set<String> names = received.stream().map(SseClient.Event::name).collect(Collectors.toSet());
                assertThat(names).containsExactlyInAnyOrder("campaign", "post");
            }
        }
    }
}

package org.lifeline.kernel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;
import org.lifeline.kernel.consumer.Projection;
import org.lifeline.kernel.consumer.ProjectionRunner;
import org.lifeline.kernel.consumer.ProjectionStore;
import org.lifeline.kernel.outbox.CloudEventHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lifeline.kernel.KafkaTopics.header;

class ProjectionRunnerTest {

    /** Sums the {@code n} of Counted events per stream; a Broken event can never be applied. */
    static final class Totals implements Projection {
        private final String topic;

        Totals(String topic) {
            this.topic = topic;
        }

        @Override
        public String name() {
            return "totals-test";
        }

        @Override
        public List<String> topics() {
            return List.of(topic);
        }

        @Override
        public Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
            if (event.eventName().equals("Broken")) {
                throw new PoisonEvent("Broken events cannot be applied");
            }
            int n = Integer.parseInt(event.data().replaceAll("\\D", ""));
            return tx.preparedQuery("INSERT INTO totals (stream_id, total) VALUES ($1, $2)"
                            + " ON CONFLICT (stream_id) DO UPDATE SET total = totals.total + excluded.total")
                    .execute(Tuple.of(event.subject(), n)).replaceWithVoid();
        }

        @Override
        public Uni<Void> reset(SqlConnection tx) {
            return tx.query("TRUNCATE totals").execute().replaceWithVoid();
        }
    }

    KernelDatabase db;
    String topic;
    ProjectionRunner runner;
    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void setUp() {
        db = new KernelDatabase("kernel_projection");
        db.pool.query("CREATE TABLE totals (stream_id TEXT PRIMARY KEY, total INT NOT NULL)").execute()
                .await().indefinitely();
        topic = KafkaTopics.create("projection", 3);
        KafkaTopics.create(topic + ".dlq", 1);
        producer = new KafkaProducer<>(KafkaTopics.config(), new StringSerializer(), new ByteArraySerializer());
        runner = new ProjectionRunner(new Totals(topic), new ProjectionStore(db.pool),
                Map.of("bootstrap.servers", KafkaTopics.config().get("bootstrap.servers")),
                ProjectionRunner.Settings.defaults());
        runner.start();
    }

    @AfterEach
    void tearDown() {
        runner.close();
        producer.close();
        db.close();
    }

    private void send(String stream, UUID eventId, String type, String data) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        if (eventId != null) {
            headers.add(CloudEventHeaders.ID, bytes(eventId.toString()));
        }
        headers.add(CloudEventHeaders.TYPE, bytes("org.lifeline.counter." + type + ".v1"));
        headers.add(CloudEventHeaders.SOURCE, bytes("/kernel-test"));
        headers.add(CloudEventHeaders.SUBJECT, bytes(stream));
        headers.add(CloudEventHeaders.TIME, bytes("2026-11-21T08:30:00Z"));
        producer.send(new ProducerRecord<>(topic, null, stream, bytes(data), headers)).get();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long total(String stream) {
        return db.count("SELECT coalesce(sum(total), -1) FROM totals WHERE stream_id = '" + stream + "'");
    }

    @Test
    void an_event_delivered_twice_is_applied_once() throws Exception {
        UUID first = UUID.randomUUID();
        send("s1", first, "Counted", "{\"n\":5}");
        send("s1", first, "Counted", "{\"n\":5}");
        send("s1", UUID.randomUUID(), "Counted", "{\"n\":2}");

        await().atMost(Duration.ofSeconds(30)).until(() -> total("s1") == 7);
        assertThat(db.count("SELECT count(*) FROM applied_events WHERE consumer = 'totals-test'")).isEqualTo(2);
        assertThat(runner.appliedCount()).isEqualTo(2);
    }

    @Test
    void a_poison_event_goes_to_the_dead_letter_topic_and_the_next_event_is_still_applied() throws Exception {
        send("s2", UUID.randomUUID(), "Counted", "{\"n\":1}");
        send("s2", UUID.randomUUID(), "Broken", "{\"n\":100}");
        send("s2", null, "Counted", "{\"n\":1000}");
        send("s2", UUID.randomUUID(), "Counted", "{\"n\":3}");

        await().atMost(Duration.ofSeconds(30)).until(() -> total("s2") == 4);
        List<ConsumerRecord<String, byte[]>> dead = KafkaTopics.read(topic + ".dlq", 2, Duration.ofSeconds(30));
        assertThat(dead).hasSize(2);
        assertThat(dead).extracting(r -> header(r, ProjectionRunner.DLQ_ERROR))
                .anySatisfy(error -> assertThat(error).contains("Broken events cannot be applied"))
                .anySatisfy(error -> assertThat(error).contains("missing header ce_id"));
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, ProjectionRunner.DLQ_TOPIC)).isEqualTo(topic);
            assertThat(header(r, ProjectionRunner.DLQ_CONSUMER)).isEqualTo("totals-test");
            assertThat(r.key()).isEqualTo("s2");
        });
    }

    @Test
    void a_rebuilt_projection_equals_the_incrementally_built_one() throws Exception {
        for (int i = 1; i <= 20; i++) {
            send("s" + (i % 4), UUID.randomUUID(), "Counted", "{\"n\":" + i + "}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT coalesce(sum(total), 0) FROM totals") == 210);
        List<String> before = snapshot();

        runner.rebuild().get();
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT coalesce(sum(total), 0) FROM totals") == 210);

        assertThat(snapshot()).isEqualTo(before);
        assertThat(runner.appliedCount()).isEqualTo(40);
    }

    private List<String> snapshot() {
        return db.pool.query("SELECT stream_id || '=' || total AS row FROM totals ORDER BY stream_id").execute()
                .await().indefinitely().stream().map(row -> row.getString("row")).toList();
    }
}

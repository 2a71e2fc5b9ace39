package org.lifeline.campaigns;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.Topics;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.outbox.OutboxSignal;
import org.lifeline.testing.LifelineTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The kernel inside the running service: an appended event reaches the campaigns topic through the relay. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class OutboxPublishingTest {

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Inject
    OutboxSignal signal;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void an_appended_event_is_published_to_the_campaigns_topic_as_a_cloud_event() {
        String stream = "kernel-check-" + UUID.randomUUID();
        NewEvent event = new NewEvent(UUID.randomUUID(), "OutboxChecked", 1, "{\"ok\":true}",
                EventMetadata.of("test", Instant.now()));
        pool.withTransaction(tx -> store.append(tx, stream, "kernel-check", EventStore.NO_STREAM, List.of(event)))
                .await().atMost(Duration.ofSeconds(10));
        signal.poke();

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-publishing-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CAMPAIGNS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (stream.equals(record.key())) {
                        received.add(record);
                    }
                });
                return !received.isEmpty();
            });
        }

        ConsumerRecord<String, String> record = received.getFirst();
        assertThat(record.value()).isEqualTo("{\"ok\":true}");
        assertThat(header(record, "ce_id")).isEqualTo(event.eventId().toString());
        assertThat(header(record, "ce_type")).isEqualTo("org.lifeline.kernel-check.OutboxChecked.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/campaigns-service");
        assertThat(header(record, "ce_subject")).isEqualTo(stream);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

package org.lifeline.campaigns;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.outbox.OutboxSignal;
import org.lifeline.testing.LifelineTestResource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

        ConsumerRecord<String, String> record = CampaignsTopic.firstRecordWithKey(bootstrap, stream);
        assertThat(record.value()).isEqualTo("{\"ok\":true}");
        assertThat(CampaignsTopic.header(record, "ce_id")).isEqualTo(event.eventId().toString());
        assertThat(CampaignsTopic.header(record, "ce_type")).isEqualTo("org.lifeline.kernel-check.OutboxChecked.v1");
        assertThat(CampaignsTopic.header(record, "ce_source")).isEqualTo("/campaigns-service");
        assertThat(CampaignsTopic.header(record, "ce_subject")).isEqualTo(stream);
    }

}

package org.lifeline.donations;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.Privacy;
import org.lifeline.contracts.Sector;
import org.lifeline.contracts.Site;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.Urgency;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Plays campaigns-service for tests: publishes need events to {@code lifeline.campaigns.v1} as its
 * outbox relay does (CloudEvents binary mode, key = need id, versions counting up per need).
 */
public final class CampaignsFeed implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Map<UUID, Long> versions = new ConcurrentHashMap<>();

    public CampaignsFeed(String bootstrap) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Posts an open need of {@code quantity} blankets for {@code organisationId}; answers the event. */
    public NeedPosted postNeed(UUID organisationId, int quantity) {
        NeedPosted posted = needOf(organisationId, quantity);
        publish(posted.needId(), posted);
        return posted;
    }

    /** An open need of {@code quantity} blankets for {@code organisationId}, due in a week, not yet posted. */
    public NeedPosted needOf(UUID organisationId, int quantity) {
        return new NeedPosted(UUID.randomUUID(), UUID.randomUUID(), organisationId, Sector.SHL,
                "Winter blanket", "piece", quantity, Urgency.CRITICAL,
                new Site("Yingxiu Town Middle School camp", 31.06, 103.49, Privacy.EXACT),
                Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Publishes a need event (a record of org.lifeline.contracts.need) on the need's key; answers its event id. */
    public UUID publish(UUID needId, Record event) {
        return publish(needId, event, UUID.randomUUID());
    }

    /** Publishes with a given event id: the same id twice is a redelivery. */
    public UUID publish(UUID needId, Record event, UUID eventId) {
        long version = versions.merge(needId, 1L, Long::sum);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", eventId.toString());
        header(headers, "ce_type", CloudEventTypes.of("need", event.getClass().getSimpleName(), 1));
        header(headers, "ce_source", "/campaigns-service");
        header(headers, "ce_subject", needId.toString());
        header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        header(headers, "content-type", "application/json");
        header(headers, "ce_streamversion", Long.toString(version));
        UUID correlation = UUID.randomUUID();
        header(headers, "ce_correlationid", correlation.toString());
        header(headers, "ce_causationid", correlation.toString());
        header(headers, "ce_actor", UUID.randomUUID().toString());
        try {
            byte[] data = ContractJson.mapper().writeValueAsBytes(event);
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, null, needId.toString(), data, headers)).get();
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException("cannot publish " + event, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}

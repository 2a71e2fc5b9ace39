package org.lifeline.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.contracts.Topics;

/**
 * Plays campaigns- and donations-service for the feed's tests: CloudEvent records built from the golden samples
 * (with ids, quantities and times replaced), with the headers exactly as the kernel's OutboxRelay writes them.
 */
public final class FeedEvents {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static KafkaProducer<String, byte[]> producer;

    private FeedEvents() {
    }

    /** One event: its type, stream (key), version, time, id and data. */
    public record Event(String type, String streamId, long version, Instant time, UUID id, String data) {

        public String topic() {
            String aggregate = CloudEventTypes.aggregate(type);
            return aggregate.equals("campaign") || aggregate.equals("need") ? Topics.CAMPAIGNS : Topics.DONATIONS;
        }

        /** The same event again (a redelivery: same ce_id). */
        public Event again() {
            return this;
        }

        public ProducerRecord<String, byte[]> record() {
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", "1.0");
            header(headers, "ce_id", id.toString());
            header(headers, "ce_type", type);
            header(headers, "ce_source", topic().equals(Topics.CAMPAIGNS) ? "campaigns-service" : "donations-service");
            header(headers, "ce_subject", streamId);
            header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(time));
            header(headers, "content-type", "application/json");
            header(headers, "ce_streamversion", Long.toString(version));
            header(headers, "ce_correlationid", UUID.randomUUID().toString());
            header(headers, "ce_causationid", UUID.randomUUID().toString());
            header(headers, "ce_actor", "system:test");
            return new ProducerRecord<>(topic(), null, streamId, data.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    /** The golden sample of {@code type} with the given fields replaced (a null value removes the field). */
    public static String sample(String type, Map<String, ?> fields) {
        ObjectNode data = (ObjectNode) GoldenSamples.tree(type).deepCopy();
        fields.forEach((name, value) -> {
            if (value == null) {
                data.remove(name);
            } else {
                JsonNode node = JSON.valueToTree(value);
                data.set(name, node);
            }
        });
        return data.toString();
    }

    /** Sends the events in order and waits for the broker's acknowledgements. */
    public static void send(String bootstrap, List<Event> events) {
        KafkaProducer<String, byte[]> kafka = producer(bootstrap);
        try {
            for (Event event : events) {
                kafka.send(event.record()).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a test event", e.getCause());
        }
    }

    /** Sends a raw record (for events that are not well-formed). */
    public static void sendRecord(String bootstrap, ProducerRecord<String, byte[]> record) {
        try {
            producer(bootstrap).send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a test record", e.getCause());
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer(String bootstrap) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

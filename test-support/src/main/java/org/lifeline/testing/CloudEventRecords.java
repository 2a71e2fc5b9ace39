package org.lifeline.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Kafka records shaped as the kernel's outbox relay publishes them (CloudEvents 1.0 binary mode:
 * {@code ce_*} headers, JSON data, key = stream id), for tests that play another service's part.
 */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    /** A record with a new event id, the current time and a new correlation id. */
    public static ProducerRecord<String, byte[]> record(String topic, String type, String streamId, long version,
                                                         String json) {
        return record(topic, UUID.randomUUID(), type, streamId, version, Instant.now(), json);
    }

    public static ProducerRecord<String, byte[]> record(String topic, UUID eventId, String type, String streamId,
                                                         long version, Instant time, String json) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", eventId.toString());
        header(headers, "ce_type", type);
        header(headers, "ce_source", "test");
        header(headers, "ce_subject", streamId);
        header(headers, "ce_time", time.toString());
        header(headers, "content-type", "application/json");
        header(headers, "ce_streamversion", Long.toString(version));
        header(headers, "ce_correlationid", UUID.randomUUID().toString());
        header(headers, "ce_actor", "system:test");
        return new ProducerRecord<>(topic, null, streamId, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends the records in order and waits for the broker's acknowledgements. */
    public static void send(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending test events", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a test event", e.getCause());
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

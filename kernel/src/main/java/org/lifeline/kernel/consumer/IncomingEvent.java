package org.lifeline.kernel.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.kernel.outbox.CloudEventHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** A CloudEvent read from Kafka (binary mode): its attributes, Lifeline's extensions and its JSON data. */
public record IncomingEvent(String topic, int partition, long offset, UUID id, String type, String source,
                            String subject, Instant time, long streamVersion, UUID correlationId,
                            UUID causationId, String actor, String data) {

    /** The event name of its type, e.g. {@code NeedPosted} of {@code org.lifeline.need.NeedPosted.v1}. */
    public String eventName() {
        return CloudEventTypes.eventName(type);
    }

    /** Reads a record; a record that is not a valid Lifeline CloudEvent is a {@link PoisonEvent}. */
    public static IncomingEvent from(ConsumerRecord<String, byte[]> record) {
        try {
            String version = header(record, CloudEventHeaders.STREAM_VERSION);
            String correlation = header(record, CloudEventHeaders.CORRELATION_ID);
            String causation = header(record, CloudEventHeaders.CAUSATION_ID);
            if (record.value() == null) {
                throw new PoisonEvent("record without data");
            }
            return new IncomingEvent(record.topic(), record.partition(), record.offset(),
                    UUID.fromString(required(record, CloudEventHeaders.ID)),
                    required(record, CloudEventHeaders.TYPE),
                    required(record, CloudEventHeaders.SOURCE),
                    header(record, CloudEventHeaders.SUBJECT),
                    Instant.parse(required(record, CloudEventHeaders.TIME)),
                    version == null ? 0 : Long.parseLong(version),
                    correlation == null ? null : UUID.fromString(correlation),
                    causation == null ? null : UUID.fromString(causation),
                    header(record, CloudEventHeaders.ACTOR),
                    new String(record.value(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new PoisonEvent("malformed CloudEvent headers: " + e.getMessage(), e);
        }
    }

    private static String required(ConsumerRecord<String, byte[]> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEvent("missing header " + name);
        }
        return value;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

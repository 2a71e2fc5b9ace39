package org.lifeline.campaigns;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lifeline.contracts.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads what campaigns-service published to {@code lifeline.campaigns.v1}, for tests. */
public final class CampaignsTopic {

    private CampaignsTopic() {
    }

    /** The first record with this key, read from the start of the topic within 30 s. */
    public static ConsumerRecord<String, String> firstRecordWithKey(String bootstrap, String key) {
        return firstRecord(bootstrap, record -> key.equals(record.key()));
    }

    /** The first record with this key and CloudEvent type (e.g. {@code org.lifeline.need.NeedExpired.v1}), within 30 s. */
    public static ConsumerRecord<String, String> firstRecordOfType(String bootstrap, String key, String type) {
        return firstRecord(bootstrap, record -> key.equals(record.key())
                && record.headers().lastHeader("ce_type") != null && type.equals(header(record, "ce_type")));
    }

    /** The first record that matches, read from the start of the topic within 30 s. */
    public static ConsumerRecord<String, String> firstRecord(String bootstrap,
                                                             Predicate<ConsumerRecord<String, String>> wanted) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "campaigns-topic-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CAMPAIGNS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.test(record)) {
                        received.add(record);
                    }
                });
                return !received.isEmpty();
            });
        }
        return received.getFirst();
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

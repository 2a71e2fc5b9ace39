package org.lifeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    private static final String TOPIC = "lifeline.test.v1";

    @TempDir
    Path tempDir;

    @Test
    void keepsRecordsAcrossStopRestartAndANewStartOnTheSameData() throws Exception {
        Path dataDir = tempDir.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(dataDir, 0)) {
            assertThat(broker.isRunning()).isTrue();
            String bootstrap = broker.bootstrapServers();
            broker.createTopics(3, TOPIC);
            broker.createTopics(3, TOPIC);
            assertThat(retentionMs(bootstrap)).isEqualTo("-1");

            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>(TOPIC, "need-1", "before")).get(30, TimeUnit.SECONDS);
                assertThat(readAll(bootstrap, 1)).containsExactly("before");

                assertThat(KafkaBroker.answers(bootstrap)).isTrue();
                broker.stop();
                assertThat(broker.isRunning()).isFalse();
                assertThat(KafkaBroker.answers(bootstrap)).isFalse();
                broker.restart();
                assertThat(broker.isRunning()).isTrue();
                assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

                producer.send(new ProducerRecord<>(TOPIC, "need-1", "after")).get(60, TimeUnit.SECONDS);
            }
            assertThat(readAll(bootstrap, 2)).containsExactly("before", "after");
        }

        try (KafkaBroker again = KafkaBroker.start(dataDir, 0)) {
            assertThat(readAll(again.bootstrapServers(), 2)).containsExactly("before", "after");
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    /** Reads the topic from the beginning with a fresh consumer group until it has seen the expected number of records. */
    private static List<String> readAll(String bootstrap, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static String retentionMs(String bootstrap) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            return config.get("retention.ms").value();
        }
    }
}

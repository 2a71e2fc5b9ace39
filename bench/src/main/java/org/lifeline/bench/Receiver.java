package org.lifeline.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lifeline.kernel.outbox.CloudEventHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads every partition of a topic from its end (as of construction) and records when each event id
 * ({@code ce_id} header) first arrived, in {@link System#nanoTime()}.
 */
final class Receiver implements AutoCloseable {

    private final Map<UUID, Long> received = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    Receiver(String bootstrapServers, String topic) {
        thread = Thread.ofPlatform().name("bench-receiver").daemon().start(() -> poll(bootstrapServers, topic));
        try {
            if (!positioned.await(60, TimeUnit.SECONDS) || failure != null) {
                throw new IllegalStateException("Kafka consumer did not start", failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void poll(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-receiver");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end offsets now, before any writes
            positioned.countDown();
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                    if (id != null) {
                        received.putIfAbsent(UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)), now);
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
            positioned.countDown();
        }
    }

    /** When the event arrived (nanoTime), or null if it has not. */
    Long receivedAt(UUID eventId) {
        return received.get(eventId);
    }

    /** Waits until every given event id has arrived; answers false on timeout. */
    boolean awaitAll(Iterable<UUID> eventIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (UUID id : eventIds) {
            while (!received.containsKey(id)) {
                if (failure != null) {
                    throw new IllegalStateException("Kafka consumer failed", failure);
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}

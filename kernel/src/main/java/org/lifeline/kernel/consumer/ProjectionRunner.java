package org.lifeline.kernel.consumer;

import io.vertx.pgclient.PgException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds a {@link Projection} from its Kafka topics: each event is applied exactly once (see
 * {@link ProjectionStore}); an event that cannot be applied goes to {@code <topic>.dlq} with the
 * error and consumption goes on; a failure of the database or the network is retried without
 * moving on, so nothing is skipped. Offsets are committed after the events are applied, so a crash
 * means redelivery, never loss. {@link #rebuild()} empties the projection and replays its topics
 * from the start.
 */
public final class ProjectionRunner implements AutoCloseable {

    /** Polling and retry settings. */
    public record Settings(Duration pollTimeout, int attemptsBeforeDeadLetter, Duration maxBackoff,
                           Duration applyTimeout) {
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(500), 3, Duration.ofSeconds(5), Duration.ofSeconds(30));
        }
    }

    /** Header names on dead-lettered records. */
    public static final String DLQ_ERROR = "lifeline_dlq_error";
    public static final String DLQ_CONSUMER = "lifeline_dlq_consumer";
    public static final String DLQ_TOPIC = "lifeline_dlq_topic";
    public static final String DLQ_PARTITION = "lifeline_dlq_partition";
    public static final String DLQ_OFFSET = "lifeline_dlq_offset";

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    private final Projection projection;
    private final ProjectionStore store;
    private final List<String> topics;
    private final Settings settings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile CompletableFuture<Void> rebuildRequest;
    private volatile boolean running;
    private volatile String lastError;
    private Thread thread;

    public ProjectionRunner(Projection projection, ProjectionStore store, Map<String, Object> kafkaConfig,
                            Settings settings) {
        this.projection = projection;
        this.store = store;
        this.topics = List.copyOf(projection.topics());
        this.settings = settings;
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, projection.name());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        consumerConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, projection.name());
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, projection.name() + "-dlq");
        this.deadLetters = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("projection-" + projection.name()).daemon().start(this::run);
    }

    /** Events applied since start (redeliveries not counted). */
    public long appliedCount() {
        return applied.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    /** The failure being retried right now, or null. */
    public String lastError() {
        return lastError;
    }

    /**
     * Empties the projection and replays its topics from the start. Completes once the projection
     * is empty and the consumer has been moved back (the replay then proceeds in the background).
     */
    public CompletableFuture<Void> rebuild() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        rebuildRequest = request;
        consumer.wakeup();
        return request;
    }

    private void run() {
        consumer.subscribe(topics);
        try {
            while (running) {
                try {
                    CompletableFuture<Void> rebuild = rebuildRequest;
                    if (rebuild != null) {
                        rebuildRequest = null;
                        doRebuild(rebuild);
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                    for (ConsumerRecord<String, byte[]> record : records) {
                        if (!process(record)) {
                            return;
                        }
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                    }
                } catch (WakeupException e) {
                    // rebuild() or close() woke the poll; the loop looks at both
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "projection %s stopped", projection.name());
            lastError = e.toString();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void doRebuild(CompletableFuture<Void> request) {
        while (true) {
            try {
                resetAndRewind();
                request.complete(null);
                return;
            } catch (WakeupException e) {
                // A wakeup that found the loop outside poll() fires at the next blocking call, here. It is spent
                // now: unless the runner is closing, do it again (resetting twice changes nothing).
                if (!running) {
                    request.completeExceptionally(e);
                    return;
                }
            } catch (RuntimeException e) {
                request.completeExceptionally(e);
                return;
            }
        }
    }

    private void resetAndRewind() {
        store.reset(projection).await().atMost(settings.applyTimeout());
        consumer.seekToBeginning(consumer.assignment());
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            start.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        consumer.commitSync(start);
        LOG.infof("projection %s reset; replaying %s from the start", projection.name(), topics);
    }

    /** Applies one record, retrying transient failures; answers false when stopped meanwhile. */
    private boolean process(ConsumerRecord<String, byte[]> record) {
        Duration backoff = Duration.ofMillis(100);
        int attempts = 0;
        while (running) {
            attempts++;
            try {
                IncomingEvent event = IncomingEvent.from(record);
                if (store.applyOnce(projection, event).await().atMost(settings.applyTimeout())) {
                    applied.incrementAndGet();
                    projection.afterCommit();
                }
                lastError = null;
                return true;
            } catch (RuntimeException e) {
                boolean transientFailure = isTransient(e);
                if (!transientFailure && (e instanceof PoisonEvent
                        || attempts >= settings.attemptsBeforeDeadLetter())) {
                    deadLetter(record, e);
                    return true;
                }
                lastError = e.toString();
                LOG.warnf("projection %s: %s at %s-%d@%d; retrying", projection.name(), e, record.topic(),
                        record.partition(), record.offset());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                        ? settings.maxBackoff() : backoff.multipliedBy(2);
            }
        }
        return false;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException error) {
        LOG.errorf("projection %s: dead-lettering %s-%d@%d: %s", projection.name(), record.topic(),
                record.partition(), record.offset(), error);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, DLQ_ERROR, String.valueOf(error));
        add(headers, DLQ_CONSUMER, projection.name());
        add(headers, DLQ_TOPIC, record.topic());
        add(headers, DLQ_PARTITION, Integer.toString(record.partition()));
        add(headers, DLQ_OFFSET, Long.toString(record.offset()));
        try {
            deadLetters.send(new ProducerRecord<>(record.topic() + ".dlq", null, record.key(), record.value(),
                    headers)).get();
            deadLettered.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException e) {
            // Not dead-lettered means not done: fail the loop rather than skip the event.
            throw new IllegalStateException("could not dead-letter " + record.topic() + "@" + record.offset(),
                    e.getCause());
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Failures of the database or the network, and lost races on a stream version (a projection that
     * appends events, e.g. a reaction, re-reads and re-decides next time): worth retrying forever
     * rather than dead-lettering.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.lifeline.kernel.eventstore.ConcurrencyConflict
                    || t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable
                    || t instanceof io.vertx.core.VertxException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String sqlClass = pg.getSqlState().substring(0, 2);
                // connection, transaction rollback (serialization, deadlock), resources, operator intervention
                if (List.of("08", "40", "53", "57").contains(sqlClass)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        consumer.wakeup();
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
        deadLetters.close(Duration.ofSeconds(5));
    }
}

package org.lifeline.kernel.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode), in outbox order, and deletes them
 * once the broker has acknowledged them. Wakes on the {@code lifeline_outbox} notification that
 * writers send after they commit ({@link OutboxSignal}), with a one-second poll as a safety net. While Kafka is down the rows
 * stay and are published when it returns (at least once: consumers drop duplicates by event id).
 * Only one relay per database publishes at a time (a session advisory lock), so per-key order
 * holds with several instances of a service.
 */
public final class OutboxRelay implements AutoCloseable {

    /** How the relay batches, polls and backs off. */
    public record Settings(int batchSize, Duration idlePoll, Duration maxBackoff) {
        public static Settings defaults() {
            return new Settings(500, Duration.ofSeconds(1), Duration.ofSeconds(5));
        }
    }

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x4c4946454c494e45L; // "LIFELINE"
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final PgConnectOptions db;
    private final Producer<String, byte[]> producer;
    private final Settings settings;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean running;
    private boolean closed;
    private volatile boolean leader;
    private volatile PgConnection connection;
    private Thread thread;

    public OutboxRelay(Vertx vertx, PgConnectOptions db, Map<String, Object> kafkaConfig, Settings settings) {
        this.vertx = vertx;
        this.db = db;
        this.settings = settings;
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Producer settings for ordered, acknowledged, retried delivery. */
    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "lifeline-outbox-relay");
        return config;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    /** Events published since start. */
    public long publishedCount() {
        return published.get();
    }

    /** The last failure, cleared by the next successful batch; null when healthy. */
    public String lastError() {
        return lastError.get();
    }

    /** Whether this relay holds the publishing lock of its database. */
    public boolean isLeader() {
        return leader;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                if (!connectedAsLeader()) {
                    awaitWake(settings.idlePoll());
                    continue;
                }
                wake.drainPermits();
                int count = publishBatch();
                lastError.set(null);
                backoff = Duration.ofMillis(100);
                if (count < settings.batchSize()) {
                    awaitWake(settings.idlePoll());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                lastError.set(e.toString());
                LOG.warnf("outbox relay: %s; retrying in %d ms", e, backoff.toMillis());
                dropConnectionIfBroken();
                try {
                    awaitWake(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                        ? settings.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    private boolean connectedAsLeader() {
        if (connection == null) {
            PgConnection conn = PgConnection.connect(vertx, db).await().atMost(DB_TIMEOUT);
            conn.notificationHandler(n -> wake.release());
            conn.closeHandler(() -> {
                leader = false;
                connection = null;
                wake.release();
            });
            conn.query("LISTEN lifeline_outbox").execute().await().atMost(DB_TIMEOUT);
            connection = conn;
        }
        if (!leader) {
            leader = connection.preparedQuery("SELECT pg_try_advisory_lock($1) AS locked")
                    .execute(Tuple.of(LOCK_ID)).await().atMost(DB_TIMEOUT)
                    .iterator().next().getBoolean("locked");
        }
        return leader;
    }

    private int publishBatch() throws InterruptedException {
        RowSet<Row> rows = connection.preparedQuery("""
                        SELECT id, topic, message_key, event_id, event_type, source, subject, event_time,
                               stream_version, correlation_id, causation_id, actor, payload
                        FROM outbox ORDER BY id LIMIT $1""")
                .execute(Tuple.of(settings.batchSize())).await().atMost(DB_TIMEOUT);
        if (rows.rowCount() == 0) {
            return 0;
        }
        List<Long> ids = new ArrayList<>(rows.rowCount());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            acks.add(producer.send(toRecord(row)));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("Kafka did not acknowledge: " + e.getCause(), e.getCause());
            }
        }
        connection.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).await().atMost(DB_TIMEOUT);
        published.addAndGet(ids.size());
        return ids.size();
    }

    private static ProducerRecord<String, byte[]> toRecord(Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(headers, CloudEventHeaders.ID, row.getUUID("event_id").toString());
        header(headers, CloudEventHeaders.TYPE, row.getString("event_type"));
        header(headers, CloudEventHeaders.SOURCE, row.getString("source"));
        header(headers, CloudEventHeaders.SUBJECT, row.getString("subject"));
        Instant time = row.getOffsetDateTime("event_time").toInstant();
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        header(headers, CloudEventHeaders.STREAM_VERSION, Long.toString(row.getLong("stream_version")));
        UUID correlation = row.getUUID("correlation_id");
        if (correlation != null) {
            header(headers, CloudEventHeaders.CORRELATION_ID, correlation.toString());
        }
        UUID causation = row.getUUID("causation_id");
        if (causation != null) {
            header(headers, CloudEventHeaders.CAUSATION_ID, causation.toString());
        }
        String actor = row.getString("actor");
        if (actor != null) {
            header(headers, CloudEventHeaders.ACTOR, actor);
        }
        return new ProducerRecord<>(row.getString("topic"), null, row.getString("message_key"),
                row.getString("payload").getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void awaitWake(Duration timeout) throws InterruptedException {
        if (wake.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
        }
    }

    private void dropConnectionIfBroken() {
        PgConnection conn = connection;
        if (conn == null) {
            return;
        }
        try {
            conn.query("SELECT 1").execute().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            connection = null;
            leader = false;
            conn.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            t = thread;
        }
        wake.release();
        join(t, Duration.ofSeconds(5));
        // Closing the producer fails sends still waiting for a broker, which frees the relay thread.
        producer.close(Duration.ofSeconds(5));
        join(t, Duration.ofSeconds(10));
        PgConnection conn = connection;
        connection = null;
        leader = false;
        if (conn != null) {
            conn.close().await().atMost(Duration.ofSeconds(5));
        }
    }

    private static void join(Thread t, Duration timeout) {
        if (t == null) {
            return;
        }
        try {
            t.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

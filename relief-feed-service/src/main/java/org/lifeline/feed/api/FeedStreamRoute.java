package org.lifeline.feed.api;

import io.quarkus.logging.Log;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.lifeline.feed.infra.FeedConfig;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.feed.infra.FeedWatch;
import org.lifeline.feed.projection.FeedLog;
import org.lifeline.support.Problem;

/**
 * {@code GET /api/v1/feed/stream?campaignId=}: the feed as Server-Sent Events. Each event is a feed-log row:
 * {@code id} = its position, {@code event} = need, post, campaign or match-pool, {@code data} = the public read
 * model after it. {@code Last-Event-ID} (header, or the {@code lastEventId} query parameter) resumes after that
 * position: everything after it, nothing twice; without it the stream starts at the current position.
 *
 * <p>Every connection reads the feed log from its own position, a batch ({@code lifeline.feed.stream-batch}) at a
 * time. When its write queue is full ({@link HttpServerResponse#writeQueueFull()}) it stops reading and holds no
 * database connection until the queue drains ({@link HttpServerResponse#drainHandler}): a slow client holds back
 * no one but itself, and costs no more than one batch plus the write queue in memory. Nothing shared waits for a
 * stream: the watch only schedules a read on the stream's own context, and a stream that waits ignores it.
 * Idle streams get a heartbeat comment every {@code lifeline.feed.heartbeat}. Gauges on {@code /q/metrics}:
 * {@code lifeline_feed_stream_clients}, {@code lifeline_feed_stream_slow_clients},
 * {@code lifeline_feed_stream_lag_max}. Written on Vert.x directly (not JAX-RS) for that control over writes.
 */
@ApplicationScoped
public class FeedStreamRoute {

    public static final String PATH = "/api/v1/feed/stream";
    /** What SSE streams show; pledges and donations go to webhooks and gift trails, not to the public stream. */
    static final String[] KINDS = {FeedLog.NEED, FeedLog.POST, FeedLog.CAMPAIGN, FeedLog.MATCH_POOL};

    private static final String READ_ALL = "SELECT position, kind, data::text AS data FROM feed_log"
            + " WHERE position > $1 AND kind = ANY($2) ORDER BY position LIMIT $3";
    private static final String READ_CAMPAIGN = "SELECT position, kind, data::text AS data FROM feed_log"
            + " WHERE campaign_id = $4 AND position > $1 AND kind = ANY($2) ORDER BY position LIMIT $3";

    private final Pool pool;
    private final FeedWatch watch;
    private final FeedConfig config;
    private final Vertx vertx;
    private final Set<Subscription> connected = ConcurrentHashMap.newKeySet();

    FeedStreamRoute(Pool pool, FeedWatch watch, FeedConfig config, Vertx vertx, MeterRegistry metrics) {
        this.pool = pool;
        this.watch = watch;
        this.config = config;
        this.vertx = vertx;
        Gauge.builder("lifeline.feed.stream.clients", connected, Set::size)
                .description("Clients connected to the SSE feed stream").strongReference(true).register(metrics);
        Gauge.builder("lifeline.feed.stream.slow.clients", connected,
                        streams -> streams.stream().filter(stream -> stream.waitingForClient).count())
                .description("SSE streams waiting for their client to take what was written (write queue full)")
                .strongReference(true).register(metrics);
        Gauge.builder("lifeline.feed.stream.lag.max", this, FeedStreamRoute::maxLag)
                .description("The most feed positions any SSE stream is behind the feed log")
                .strongReference(true).register(metrics);
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext routing) {
        QueryParams params = new QueryParams();
        UUID campaignId = params.uuid("campaignId", routing.request().getParam("campaignId"));
        String lastEventId = routing.request().getHeader("Last-Event-ID");
        if (QueryParams.blank(lastEventId)) {
            lastEventId = routing.request().getParam("lastEventId");
        }
        Long resumeAfter = null;
        if (!QueryParams.blank(lastEventId)) {
            try {
                resumeAfter = Long.parseLong(lastEventId.trim());
                if (resumeAfter < 0) {
                    resumeAfter = params.error("Last-Event-ID", "must be a feed position (0 or more)");
                }
            } catch (NumberFormatException e) {
                params.error("Last-Event-ID", "must be a feed position (0 or more)");
            }
        }
        try {
            params.check();
        } catch (InvalidQuery invalid) {
            Problem problem = invalid.toProblem(routing.request().path());
            routing.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(FeedJson.write(problem));
            return;
        }
        Context context = vertx.getOrCreateContext();
        if (resumeAfter != null) {
            start(routing, context, campaignId, resumeAfter);
        } else {
            pool.query("SELECT last_position FROM feed_counter").execute().subscribe().with(
                    rows -> context.runOnContext(v -> start(routing, context, campaignId,
                            rows.iterator().next().getLong("last_position"))),
                    failure -> context.runOnContext(v -> unavailable(routing, failure)));
        }
    }

    private void start(RoutingContext routing, Context context, UUID campaignId, long position) {
        HttpServerResponse response = routing.response();
        if (response.closed()) {
            return;
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        new Subscription(response, context, campaignId, routing.request().remoteAddress(), position).begin();
    }

    private static void unavailable(RoutingContext routing, Throwable failure) {
        Log.warnf("feed stream cannot start: %s", failure);
        Problem problem = new Problem(Problem.BLANK_TYPE, "Service Unavailable", 503,
                "The feed cannot be read right now; try again.", routing.request().path(), null, null);
        routing.response().setStatusCode(503).putHeader("Retry-After", "5")
                .putHeader("Content-Type", Problem.MEDIA_TYPE).end(FeedJson.write(problem));
    }

    /**
     * What one open stream looks like from the server: who, which campaign (null for all), the last position
     * written to it, whether it is waiting for its client to drain a full write queue, and the bytes written.
     */
    record StreamState(SocketAddress client, UUID campaignId, long position, boolean waitingForClient,
                       long bytesWritten) {
    }

    /** The streams open now (for tests and diagnostics). */
    List<StreamState> streams() {
        return connected.stream().map(Subscription::state).toList();
    }

    /** The most positions any open stream is behind the last position the watch has heard of. */
    private long maxLag() {
        long head = watch.lastPosition();
        return connected.stream().mapToLong(stream -> Math.max(0, head - stream.seenThrough)).max().orElse(0);
    }

    /**
     * One client's stream: its position, and whether it is reading the log, owes a read, or waits for its client.
     * Its flow runs only on its context; the volatile fields are also read by {@link #streams()} and the gauges.
     */
    private final class Subscription {
        private final HttpServerResponse response;
        private final Context context;
        private final UUID campaignId;
        private final SocketAddress client;
        private volatile long position;
        /** Every position up to here has been considered (written, or not this stream's): for the lag gauge. */
        private volatile long seenThrough;
        private volatile boolean waitingForClient;
        private volatile long bytesWritten;
        private boolean reading;
        private boolean owed;
        private boolean closed;
        private long heartbeat = -1;
        private AutoCloseable watching;

        Subscription(HttpServerResponse response, Context context, UUID campaignId, SocketAddress client,
                     long position) {
            this.response = response;
            this.context = context;
            this.campaignId = campaignId;
            this.client = client;
            this.position = position;
            this.seenThrough = position;
        }

        StreamState state() {
            return new StreamState(client, campaignId, position, waitingForClient, bytesWritten);
        }

        void begin() {
            // The retry hint and a first comment send the headers at once, so clients know they are connected.
            write("retry: 3000\n: lifeline feed from position " + position + "\n\n");
            connected.add(this);
            response.closeHandler(v -> close());
            response.exceptionHandler(e -> close());
            heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), id -> context.runOnContext(v -> beat()));
            watching = watch.subscribe(() -> context.runOnContext(v -> read()));
            read();
        }

        private void beat() {
            // A client that is not draining gets no more, not even heartbeats.
            if (!closed && !waitingForClient && !response.writeQueueFull()) {
                write(": heartbeat\n\n");
            }
        }

        private void read() {
            // While waiting for the client, wake-ups are dropped: the drain reads from the position anyway.
            if (closed || waitingForClient) {
                return;
            }
            if (reading) {
                owed = true;
                return;
            }
            reading = true;
            owed = false;
            // Committed positions are gap-free and in order: a short batch has seen every position up to here.
            long head = watch.lastPosition();
            int batch = config.streamBatch();
            Tuple args = campaignId == null ? Tuple.of(position, KINDS, batch)
                    : Tuple.of(position, KINDS, batch, campaignId);
            // The pool lends a connection for this query only; none is held while the client catches up.
            pool.preparedQuery(campaignId == null ? READ_ALL : READ_CAMPAIGN).execute(args).subscribe().with(
                    rows -> context.runOnContext(v -> send(rows, batch, head)),
                    failure -> context.runOnContext(v -> {
                        Log.warnf("feed stream read failed; closing it so the client resumes: %s", failure);
                        response.reset();
                        close();
                    }));
        }

        private void send(RowSet<Row> rows, int batch, long head) {
            reading = false;
            if (closed) {
                return;
            }
            for (Row row : rows) {
                long at = row.getLong("position");
                write("id: " + at + "\nevent: " + row.getString("kind") + "\ndata: " + row.getString("data") + "\n\n");
                position = at;
            }
            boolean more = rows.rowCount() == batch;
            seenThrough = more ? position : Math.max(position, head);
            if (response.writeQueueFull()) {
                // The client is not keeping up: read nothing more (and hold no rows and no connection) until
                // what was written drains. This stream's memory stays within one batch plus the write queue.
                waitingForClient = true;
                response.drainHandler(v -> drained());
            } else if (more || owed) {
                read();
            }
        }

        private void drained() {
            // Vert.x may call a drain handler more than once; only the first after a full queue counts.
            if (closed || !waitingForClient) {
                return;
            }
            waitingForClient = false;
            response.drainHandler(null);
            read();
        }

        private void write(String text) {
            Buffer buffer = Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
            bytesWritten += buffer.length();
            response.write(buffer);
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            connected.remove(this);
            if (heartbeat >= 0) {
                vertx.cancelTimer(heartbeat);
            }
            try {
                if (watching != null) {
                    watching.close();
                }
            } catch (Exception e) {
                Log.debugf("closing a feed subscription: %s", e);
            }
        }
    }
}

package org.lifeline.feed.api;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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
 * <p>Every connection reads the feed log from its own position, a batch at a time, and reads the next batch only
 * once its previous writes have reached the socket: a slow client holds back no one but itself, and holds no
 * more than one batch in memory. Idle streams get a heartbeat comment every {@code lifeline.feed.heartbeat}.
 * Written on Vert.x directly (not JAX-RS) for that control over writes.
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

    FeedStreamRoute(Pool pool, FeedWatch watch, FeedConfig config, Vertx vertx) {
        this.pool = pool;
        this.watch = watch;
        this.config = config;
        this.vertx = vertx;
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
        // The retry hint and a first comment send the headers at once, so clients know they are connected.
        response.write("retry: 3000\n: lifeline feed from position " + position + "\n\n");
        new Subscription(response, context, campaignId, position).begin();
    }

    private static void unavailable(RoutingContext routing, Throwable failure) {
        Log.warnf("feed stream cannot start: %s", failure);
        Problem problem = new Problem(Problem.BLANK_TYPE, "Service Unavailable", 503,
                "The feed cannot be read right now; try again.", routing.request().path(), null, null);
        routing.response().setStatusCode(503).putHeader("Retry-After", "5")
                .putHeader("Content-Type", Problem.MEDIA_TYPE).end(FeedJson.write(problem));
    }

    /** One client's stream: its position, and whether it is reading or owes a read. Touched only on its context. */
    private final class Subscription {
        private final HttpServerResponse response;
        private final Context context;
        private final UUID campaignId;
        private long position;
        private boolean reading;
        private boolean owed;
        private boolean closed;
        private long heartbeat = -1;
        private AutoCloseable watching;

        Subscription(HttpServerResponse response, Context context, UUID campaignId, long position) {
            this.response = response;
            this.context = context;
            this.campaignId = campaignId;
            this.position = position;
        }

        void begin() {
            response.closeHandler(v -> close());
            response.exceptionHandler(e -> close());
            heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), id -> context.runOnContext(v -> beat()));
            watching = watch.subscribe(() -> context.runOnContext(v -> read()));
            read();
        }

        private void beat() {
            // A client that is not draining gets no more, not even heartbeats.
            if (!closed && !response.writeQueueFull()) {
                response.write(": heartbeat\n\n");
            }
        }

        private void read() {
            if (closed) {
                return;
            }
            if (reading) {
                owed = true;
                return;
            }
            reading = true;
            owed = false;
            int batch = config.streamBatch();
            Tuple args = campaignId == null ? Tuple.of(position, KINDS, batch)
                    : Tuple.of(position, KINDS, batch, campaignId);
            pool.preparedQuery(campaignId == null ? READ_ALL : READ_CAMPAIGN).execute(args).subscribe().with(
                    rows -> context.runOnContext(v -> write(rows, batch)),
                    failure -> context.runOnContext(v -> {
                        Log.warnf("feed stream read failed; closing it so the client resumes: %s", failure);
                        response.reset();
                        close();
                    }));
        }

        private void write(RowSet<Row> rows, int batch) {
            if (closed) {
                return;
            }
            Future<Void> written = Future.succeededFuture();
            for (Row row : rows) {
                long at = row.getLong("position");
                String event = "id: " + at + "\nevent: " + row.getString("kind") + "\ndata: " + row.getString("data")
                        + "\n\n";
                written = response.write(Buffer.buffer(event.getBytes(StandardCharsets.UTF_8)));
                position = at;
            }
            boolean full = rows.rowCount() == batch;
            // The next batch waits until this one has reached the socket.
            written.onComplete(done -> context.runOnContext(v -> {
                reading = false;
                if (done.failed()) {
                    close();
                } else if (full || owed) {
                    read();
                }
            }));
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
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

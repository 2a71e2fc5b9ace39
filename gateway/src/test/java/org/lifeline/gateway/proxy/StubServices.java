package org.lifeline.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The services behind the gateway, as stubs on the ports {@link ProxyStubsResource} chose. Each records what
 * reached it and answers {@code {"service": name}}, except for a few paths:
 * {@code .../slow} never answers, {@code .../closed} drops the connection, {@code /api/v1/feed/stream}
 * sends one event, then a second only when the test opens {@link #secondEvent} (with {@code heartbeatMs}, it
 * sends a comment that often instead, until the client leaves or {@link #dropStreams()}),
 * {@code /api/v1/feed/ticks} sends {@code count} events {@code everyMs} apart; the {@code broken}
 * service answers every request with bytes that are not HTTP.
 */
final class StubServices implements AutoCloseable {

    /** A request as a stub received it. */
    record Received(String service, String method, String uri, MultiMap headers, String body) { }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    volatile CompletableFuture<Void> secondEvent = new CompletableFuture<>();
    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<HttpServerRequest> heartbeating = new java.util.concurrent.CopyOnWriteArrayList<>();
    private NetServer broken;

    StubServices start() throws Exception {
        for (String service : List.of("campaigns", "donations", "feed")) {
            HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(service, request));
            servers.add(server.listen(port(service), "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
        }
        broken = vertx.createNetServer().connectHandler(socket -> socket.handler(ignored -> {
            socket.write("THIS IS NOT HTTP\r\n\u0000\u0001\r\n\r\n").onComplete(done -> socket.close());
        }));
        broken.listen(port("broken"), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return this;
    }

    /** The next request a stub received, or null when none arrives within the bound. */
    Received next(Duration within) throws InterruptedException {
        return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    void reset() {
        received.clear();
        secondEvent = new CompletableFuture<>();
    }

    private void handle(String service, HttpServerRequest request) {
        String path = request.path();
        if (path.endsWith("/closed")) {
            request.connection().close();
            return;
        }
        if (path.endsWith("/slow")) {
            return;
        }
        if (path.equals("/api/v1/feed/stream")) {
            stream(request);
            return;
        }
        if (path.equals("/api/v1/feed/ticks")) {
            tick(request, Integer.parseInt(request.getParam("count")), Long.parseLong(request.getParam("everyMs")));
            return;
        }
        request.body().onSuccess(body -> {
            received.add(new Received(service, request.method().name(), request.uri(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString()));
            request.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("ETag", "\"7\"")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .end(new JsonObject().put("service", service).encode());
        });
    }

    /** Drops the connection of every heartbeat stream, as a service that goes away does. */
    void dropStreams() {
        heartbeating.forEach(request -> request.connection().close());
        heartbeating.clear();
    }

    private void stream(HttpServerRequest request) {
        HttpServerResponse response = request.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        response.write("id: 1\nevent: need\ndata: {\"n\":1}\n\n");
        String heartbeat = request.getParam("heartbeatMs");
        if (heartbeat != null) {
            heartbeating.add(request);
            long timer = vertx.setPeriodic(Long.parseLong(heartbeat), id -> response.write(": heartbeat\n\n"));
            response.closeHandler(ignored -> {
                vertx.cancelTimer(timer);
                heartbeating.remove(request);
            });
            return;
        }
        var context = vertx.getOrCreateContext();
        secondEvent.whenComplete((ignored, failure) -> context.runOnContext(go -> {
            response.write(Buffer.buffer("id: 2\nevent: need\ndata: {\"n\":2}\n\n"));
            response.end();
        }));
    }

    /** Events at a steady pace, together longer than the proxy's idle timeout but each gap shorter. */
    private void tick(HttpServerRequest request, int count, long everyMs) {
        HttpServerResponse response = request.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream");
        int[] sent = {0};
        vertx.setPeriodic(everyMs, timer -> {
            sent[0]++;
            response.write("id: " + sent[0] + "\nevent: need\ndata: {\"n\":" + sent[0] + "}\n\n");
            if (sent[0] == count) {
                vertx.cancelTimer(timer);
                response.end();
            }
        });
    }

    private static int port(String service) {
        return URI.create(ConfigProvider.getConfig()
                .getValue(ProxyStubsResource.PREFIX + "services." + service + ".url", String.class)).getPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

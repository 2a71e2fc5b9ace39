package org.lifeline.feed.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A partner's webhook receiver on 127.0.0.1: each {@link Endpoint} has its own path and secret, records what it
 * got, checks each signature the way a partner would, and answers as its script says.
 */
final class WebhookReceiver implements AutoCloseable {

    /** The script's answer for "do not answer until released". */
    static final int HANG = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received, with whether its signature checked out against the endpoint's secret. */
    record Delivery(String eventId, String timestamp, String signature, String contentType, String body,
                    boolean signatureValid) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String id() {
            return json().path("id").asText();
        }
    }

    /** One receiving URL. */
    final class Endpoint {
        final String url;
        final String secret;
        final List<Delivery> received = new CopyOnWriteArrayList<>();
        private volatile ToIntFunction<Delivery> script = delivery -> 200;

        private Endpoint(String path, String secret) {
            this.url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
            this.secret = secret;
        }

        /** Answers each delivery (already counted in {@link #received}) with the script's status, or {@link #HANG}. */
        Endpoint answering(ToIntFunction<Delivery> script) {
            this.script = script;
            return this;
        }

        /** How many times the event was received so far. */
        long count(String eventId) {
            return received.stream().filter(delivery -> delivery.id().equals(eventId)).count();
        }

        /** The event ids received, in order, counting repeats. */
        List<String> ids() {
            return received.stream().map(Delivery::id).toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-Lifeline-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Lifeline-Signature");
            Delivery delivery = new Delivery(exchange.getRequestHeaders().getFirst("X-Lifeline-Event-Id"), timestamp,
                    signature, exchange.getRequestHeaders().getFirst("Content-Type"), body,
                    verifies(secret, timestamp, body, signature));
            received.add(delivery);
            int status = script.applyAsInt(delivery);
            if (status == HANG) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }
    }

    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // A thread per request: one hanging endpoint must not hold up the others.
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return new WebhookReceiver(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Endpoint endpoint() {
        String path = "/hooks/" + UUID.randomUUID();
        Endpoint endpoint = new Endpoint(path, "whsec-" + UUID.randomUUID());
        server.createContext(path, endpoint::handle);
        return endpoint;
    }

    /** The receiver's check: HMAC-SHA256 of timestamp "." body with the shared secret, compared in constant time. */
    static boolean verifies(String secret, String timestamp, String body, String signature) {
        if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring("sha256=".length())));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}

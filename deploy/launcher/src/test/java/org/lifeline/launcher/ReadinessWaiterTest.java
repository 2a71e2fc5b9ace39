package org.lifeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class ReadinessWaiterTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final ReadinessWaiter waiter = new ReadinessWaiter(Duration.ofMillis(10), progress::add);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void returnsOnceTheServiceAnswers200() {
        AtomicInteger calls = new AtomicInteger();
        URI url = endpoint("/slow", () -> calls.incrementAndGet() >= 3 ? 200 : 503);

        assertTimeoutPreemptively(BOUND,
                () -> waiter.awaitAll(List.of(new ReadinessWaiter.Target("slow", url, () -> true)), Duration.ofSeconds(5)));

        assertThat(calls).hasValue(3);
        assertThat(progress).singleElement().asString().startsWith("slow is ready");
    }

    @Test
    void namesTheServicesThatAreNotReadyWhenTheTimeoutPasses() {
        URI ready = endpoint("/ready", () -> 200);
        URI never = endpoint("/never", () -> 503);
        List<ReadinessWaiter.Target> targets = List.of(
                new ReadinessWaiter.Target("quick", ready, () -> true),
                new ReadinessWaiter.Target("stuck", never, () -> true));

        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> waiter.awaitAll(targets, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(ReadinessWaiter.NotReadyException.class,
                        e -> assertThat(e.services()).containsExactly("stuck"))
                .hasMessage("not ready within 0.3 s: stuck"));
        assertThat(progress).singleElement().asString().startsWith("quick is ready");
    }

    @Test
    void failsAtOnceWhenAServiceDiesBeforeItIsReady() throws IOException {
        URI refused = URI.create("http://127.0.0.1:" + unusedPort() + "/q/health/ready");
        List<ReadinessWaiter.Target> targets = List.of(new ReadinessWaiter.Target("dead", refused, () -> false));

        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> waiter.awaitAll(targets, Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(ReadinessWaiter.NotReadyException.class,
                        e -> assertThat(e.services()).containsExactly("dead"))
                .hasMessage("dead stopped before it was ready"));
    }

    private URI endpoint(String path, IntSupplier status) {
        server.createContext(path, exchange -> {
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

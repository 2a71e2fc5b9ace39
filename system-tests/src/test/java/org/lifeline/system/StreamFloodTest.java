package org.lifeline.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.launcher.ServiceSpec;

/**
 * One client cannot take the feed down: an address that opens more event streams than the gateway's
 * per-client cap gets 429 problems with {@code Retry-After} beyond it, while proxied reads of the feed
 * keep answering; once it closes them it may open streams again. A caller who skips the gateway finds
 * the services listening on loopback only, and each service refuses a body too large on its own.
 */
@ExtendWith(RunningStack.class)
class StreamFloodTest {

    /** More than the cap the gateway has (10 per client by default): a bounded flood, loopback only. */
    private static final int MAX_STREAMS = Integer.getInteger("lifeline.attack.max-streams", 60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final String STREAM = "/api/v1/feed/stream";

    @Test
    void one_address_cannot_hold_more_streams_than_its_cap_and_the_feed_keeps_answering(RunningStack stack)
            throws Exception {
        InetAddress flooder = Loopback.next();
        InetAddress bystander = Loopback.next();
        List<RawHttp.Stream> open = new ArrayList<>();
        List<RawHttp.Response> refused = new ArrayList<>();
        List<String> slowReads = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS && refused.size() < 3; i++) {
                RawHttp.Stream stream = RawHttp.open(stack.gateway(), flooder,
                        RawHttp.Request.of("GET", STREAM).header("Accept", "text/event-stream"));
                if (stream.status() == 200) {
                    open.add(stream);
                } else {
                    refused.add(stream.refusal());
                }
                if (i % 10 == 9) {
                    // Meanwhile the feed answers proxied reads, from the flooding address and from another.
                    read(stack, flooder, slowReads);
                    read(stack, bystander, slowReads);
                }
            }
            read(stack, flooder, slowReads);
            read(stack, bystander, slowReads);
            System.out.printf("Stream flood: %d streams open from one address, %d refused (of at most %d tried);"
                    + " %d proxied feed reads failed or timed out%n", open.size(), refused.size(), MAX_STREAMS,
                    slowReads.size());
            assertThat(slowReads).as("proxied reads of the feed during the flood").isEmpty();
            assertThat(refused).as("streams beyond the per-address cap (" + open.size() + " were accepted)")
                    .isNotEmpty();
            for (RawHttp.Response refusal : refused) {
                assertThat(refusal.status()).as(refusal.toString()).isEqualTo(429);
                assertThat(Problems.defects(429, refusal.contentType(), refusal.text())).as(refusal.toString()).isEmpty();
                assertThat(refusal.text()).as("the problem's type").contains("too-many-streams");
                assertThat(refusal.header("Retry-After")).as("Retry-After of " + refusal).matches("[1-9][0-9]*");
            }
        } finally {
            for (RawHttp.Stream stream : open) {
                stream.close();
            }
        }
        // Closed streams free their places: the same address is let in again.
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (RawHttp.Stream again = RawHttp.open(stack.gateway(), flooder,
                    RawHttp.Request.of("GET", STREAM).header("Accept", "text/event-stream"))) {
                return again.status() == 200;
            }
        });
    }

    @Test
    void services_listen_on_loopback_only(RunningStack stack) throws IOException {
        List<String> exposed = new ArrayList<>();
        for (ServiceSpec service : List.of(ServiceSpec.CAMPAIGNS, ServiceSpec.DONATIONS, ServiceSpec.RELIEF_FEED)) {
            int port = stack.layout().port(service);
            List<String> listening = listeningAddresses(port);
            assertThat(listening).as(service.name() + " listens on port " + port).isNotEmpty();
            listening.stream().filter(address -> !isLoopback(address))
                    .forEach(address -> exposed.add(service.name() + " on " + address + ":" + port));
        }
        System.out.printf("Loopback binding: %d service sockets listening beyond loopback %s%n", exposed.size(), exposed);
        assertThat(exposed).as("service sockets reachable from other machines").isEmpty();
    }

    @Test
    void a_service_called_directly_refuses_a_body_over_its_own_limit(RunningStack stack) {
        Api api = stack.api().from(Loopback.next());
        Api.Account donor = api.donor("Big Body Donor");
        // A pledge whose note alone is 3 MB, sent straight to donations-service, past the gateway's 1 MB cap.
        String note = "x".repeat(3 * 1024 * 1024);
        byte[] body = ("{\"needId\":\"" + java.util.UUID.randomUUID() + "\",\"quantity\":1,\"note\":\"" + note + "\"}")
                .getBytes(UTF_8);
        RawHttp.Response answer = RawHttp.exchange(stack.service(ServiceSpec.DONATIONS), Loopback.next(),
                RawHttp.Request.of("POST", "/api/v1/pledges")
                        .header("Authorization", "Bearer " + donor.token())
                        .header("Idempotency-Key", "big-body-" + java.util.UUID.randomUUID())
                        .body(body, "application/json"));
        System.out.printf("Direct body cap: a %d-byte body to donations-service answered %d%n", body.length,
                answer.status());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(Problems.defects(413, answer.contentType(), answer.text())).as(answer.toString()).isEmpty();
    }

    /** A read of the feed through the gateway; what did not answer 200 within the client's timeout is noted. */
    private static void read(RunningStack stack, InetAddress source, List<String> failures) {
        HttpClient client = HttpClient.newBuilder().localAddress(source).connectTimeout(READ_TIMEOUT).build();
        URI uri = URI.create("http://127.0.0.1:" + stack.gateway().getPort() + "/api/v1/feed/needs?limit=5");
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(READ_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                failures.add(source.getHostAddress() + ": " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            failures.add(source.getHostAddress() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            client.close();
        }
    }

    /** The local addresses of the sockets listening on the port, from the kernel's tables (no traffic sent). */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file); // read once: sockets come and go between reads
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                String[] local = columns[1].split(":");
                boolean listens = columns[3].equals("0A");
                if (listens && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(local[0].toUpperCase(Locale.ROOT));
                }
            }
        }
        return addresses;
    }

    /** 127.x.x.x (little-endian hex in /proc), ::1, or 127.x.x.x mapped into IPv6. */
    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }
}

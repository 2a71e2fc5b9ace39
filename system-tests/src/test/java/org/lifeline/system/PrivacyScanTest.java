package org.lifeline.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.launcher.ServiceSpec;
import org.lifeline.system.ExpectedAccess.Role;
import org.lifeline.system.OpenApiDocument.Endpoint;

/**
 * Donors' contact data and the exact place of an APPROXIMATE site never reach the public: every public
 * read of the OpenAPI document (anonymous, now and {@code asOf}), the event stream, the HXL export, the
 * bodies of webhooks a partner receives on loopback, and every line of every service's log are searched
 * for the donors' emails and passwords and for the site's coordinates beyond 0.01°.
 */
@ExtendWith(RunningStack.class)
class PrivacyScanTest {

    private static final Duration STREAM_READ = Duration.ofSeconds(8);

    /** One place where text was read, and the text. */
    private record Read(String where, String text) { }

    @Test
    void no_public_read_webhook_or_log_line_shows_contact_data_or_an_exact_approximate_site(RunningStack stack)
            throws Exception {
        List<String> deliveries = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            deliveries.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            scan(stack, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", deliveries);
        } finally {
            receiver.stop(0);
        }
    }

    private void scan(RunningStack stack, String hookUrl, List<String> deliveries) throws Exception {
        ReliefWorld world = new ReliefWorld(stack, "Privacy", "http://127.0.0.1:9/hook");
        // A subscription from the feed's first position on, so that the webhook carries the whole history too.
        var subscription = ReliefWorld.webhookBody(hookUrl).put("fromPosition", 1);
        ReliefWorld.created(world.webhookPartner.api(), "/api/v1/partners/me/webhooks", world.webhookPartner.credential(),
                subscription);
        List<Api.Account> people = List.of(world.donor.account(), world.otherDonor.account(),
                world.coordinator.account(), world.otherCoordinator.account());
        List<String> secrets = new ArrayList<>();
        people.forEach(person -> {
            secrets.add(person.email());
            secrets.add(person.password());
        });
        secrets.add(RunningStack.ADMIN_PASSWORD);

        List<Read> reads = new ArrayList<>();
        try (RawHttp.Stream stream = RawHttp.open(stack.gateway(), Loopback.next(),
                RawHttp.Request.of("GET", "/api/v1/feed/stream").header("Accept", "text/event-stream")
                        .header("Last-Event-ID", "0"))) {
            assertThat(stream.status()).as("the event stream opens").isEqualTo(200);
            // While the stream is open, the second donor pledges and gives: live events follow the history.
            ReliefWorld.created(world.otherDonor.api(), "/api/v1/pledges", world.otherDonor.credential(),
                    Map.of("needId", world.needId, "quantity", 2, "note", "call me at " + world.otherDonor.account().email()));
            ReliefWorld.created(world.otherDonor.api(), "/api/v1/donations", world.otherDonor.credential(),
                    Map.of("campaignId", world.campaignId, "amount", ReliefWorld.money(2000)));
            reads.add(new Read("GET /api/v1/feed/stream (read for " + STREAM_READ.toSeconds() + " s)",
                    stream.readFor(STREAM_READ)));
        }

        OpenApiDocument document = OpenApiDocument.fetch(stack.api());
        Api anonymous = stack.api().from(Loopback.next());
        int publicReads = 0;
        for (Endpoint endpoint : document.endpoints()) {
            ExpectedAccess.Rule rule = ExpectedAccess.RULES.get(endpoint.key());
            if (!endpoint.method().equals("GET") || rule == null || !rule.allowed().contains(Role.ANONYMOUS)
                    || endpoint.path().equals("/api/v1/feed/stream")) {
                continue;
            }
            String path = world.path(endpoint.path());
            List<String> variants = new ArrayList<>(List.of(path));
            if (endpoint.path().equals("/api/v1/feed/needs")) {
                variants.add(path + "?campaignId=" + world.campaignId);
                variants.add(path + "?near=29.65,102.12&radiusKm=50");
            }
            if (endpoint.takes(document.api(), "query", "asOf")) {
                variants.add(path + (path.contains("?") ? "&" : "?") + "asOf=" + Instant.now());
            }
            for (String variant : variants) {
                Api.Answer answer = anonymous.get(variant, Api.Credential.NONE);
                publicReads++;
                reads.add(new Read("GET " + variant + " (anonymous, " + answer.status() + ")", answer.body()));
            }
        }

        Api.Answer export = world.feedPartner.api().get("/api/v1/feed/needs/export.csv?campaignId=" + world.campaignId,
                world.feedPartner.credential());
        assertThat(export.status()).as("the partner's HXL export").isEqualTo(200);
        reads.add(new Read("HXL export (" + export.body().lines().count() + " lines)", export.body()));

        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> deliveries.stream().anyMatch(body -> body.contains(world.pledgeId)));
        deliveries.forEach(body -> reads.add(new Read("webhook delivery", body)));

        int logLines = 0;
        for (ServiceSpec service : ServiceSpec.ALL) {
            Path log = stack.logFile(service);
            List<String> lines = Files.readAllLines(log, UTF_8);
            logLines += lines.size();
            for (int i = 0; i < lines.size(); i++) {
                reads.add(new Read(log.getFileName() + " line " + (i + 1), lines.get(i)));
            }
        }

        List<String> findings = new ArrayList<>();
        for (Read read : reads) {
            for (String secret : secrets) {
                if (read.text().contains(secret)) {
                    findings.add(read.where() + " shows '" + secret + "'");
                }
            }
            for (String exact : exactSite()) {
                if (read.text().contains(exact)) {
                    findings.add(read.where() + " shows the APPROXIMATE site beyond 0.01° (" + exact + "…): "
                            + excerpt(read.text(), exact));
                }
            }
        }
        System.out.printf("Privacy scan: %d public reads, the event stream, %d export lines, %d webhook deliveries and"
                        + " %d log lines searched for %d secrets and the exact site; %d findings%n",
                publicReads, export.body().lines().count(), deliveries.size(), logLines, secrets.size(), findings.size());
        findings.forEach(finding -> System.out.println("  finding: " + finding));
        assertThat(findings).as("privacy findings").isEmpty();
    }

    /** The site's coordinates to three decimals: rounded to 0.01° they read 29.65 and 102.12, never these. */
    private static List<String> exactSite() {
        return List.of(String.format(java.util.Locale.ROOT, "%.3f", Math.floor(ReliefWorld.SITE_LAT * 1000) / 1000),
                String.format(java.util.Locale.ROOT, "%.3f", Math.floor(ReliefWorld.SITE_LON * 1000) / 1000));
    }

    private static String excerpt(String text, String found) {
        int at = text.indexOf(found);
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60)).replace('\n', ' ');
    }
}

package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lifeline.system.DonorPages.LIVE_MS;
import static org.lifeline.system.DonorPages.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.system.Browsers.Device;

/**
 * A donor's campaign page that loses its live stream, in headless Chromium against the whole stack, with a
 * {@link DroppingProxy} between the browser and the gateway. When the connection is cut and the server cannot be
 * reached, the page says it is reconnecting; once the server is back, the browser resumes the stream from the last event
 * it had seen ({@code Last-Event-ID}), the server replays exactly what happened in between and nothing twice, and the
 * page shows the pledge and the need made meanwhile, with its totals, and says it is live again, all without a reload.
 * When the gateway refuses the stream instead (429: the browser's address already holds every stream it may),
 * EventSource gives up, and the page itself opens a new one with {@code ?lastEventId=} after a pause, until it gets
 * in, with the same result. What went over the wire (requests, answers, events) is read from the proxy.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class WebAppReconnectTest {

    private static final String STREAM = "/api/v1/feed/stream";

    @Test
    void a_dropped_stream_reconnects_from_its_last_event_and_shows_what_happened_while_it_was_down(
            RunningStack stack, Browsers browsers) throws IOException {
        DonorStage stage = DonorStage.organise(stack, "Reconnect Relief Team");
        String campaignId = stage.campaign("Ya'an flood: patchy signal");
        String blankets = stage.need(campaignId, "Wool blanket", 30);
        Api.Account other = stage.donor("Gao Ming");

        try (DroppingProxy proxy = new DroppingProxy(stack.gateway())) {
            Visitor donor = browsers.open(Device.PHONE, "en-US", proxy.uri());
            DonorPages.openCampaign(donor, campaignId);
            Page page = donor.page();
            Locator liveState = page.locator(".live-state");
            expect(liveState).hasText("Live");
            page.evaluate("() => { window.__sameDocument = 'never reloaded'; }");

            // The stream delivers an event, so that the page has a position to resume from.
            String lanterns = stage.need(campaignId, "Camping lantern", 12);
            expect(DonorPages.needCard(page, lanterns)).isVisible(DonorPages.visibleWithin(LIVE_MS));
            expect(DonorPages.progress(page, blankets)).hasAttribute("aria-valuenow", "0");

            // Into the tunnel: every connection is cut and new ones are refused.
            proxy.refuse(true);
            proxy.dropAll();
            int beforeTheDrop = proxy.exchanges().size();
            expect(liveState).hasAttribute("data-state", "reconnecting");
            expect(liveState).hasText("Reconnecting…");
            donor.screenshot("campaign-reconnecting");

            // While the page cannot reach the server: another donor pledges, the coordinator posts a need, and both
            // are in the feed (what the stream replays) before the server can be reached again.
            stage.pledge(other, blankets, 7);
            String tarpaulins = stage.need(campaignId, "Tarpaulin, 4 x 6 m", 20);
            stage.listingOnce(blankets, listing -> listing.get("reserved").asInt() == 7);
            stage.listingOnce(tarpaulins, listing -> true);
            stage.campaignFeedOnce(campaignId, feed -> feed.get("totals").path("needsOpen").asInt() == 3
                    && feed.get("totals").path("donors").asInt() == 1);
            // The browser tried to get back in the meantime, and was refused.
            page.waitForCondition(() -> proxy.refused() > 0, new Page.WaitForConditionOptions().setTimeout(LIVE_MS));
            expect(liveState).hasAttribute("data-state", "reconnecting");
            expect(DonorPages.needCard(page, tarpaulins)).hasCount(0);
            expect(DonorPages.progress(page, blankets)).hasAttribute("aria-valuenow", "0");

            // Out of the tunnel.
            proxy.refuse(false);
            expect(liveState).hasAttribute("data-state", "live", new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));
            expect(liveState).hasText("Live");
            expect(DonorPages.progress(page, blankets)).hasAttribute("aria-valuenow", "7",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));
            expect(DonorPages.progress(page, blankets)).hasAccessibleName("7 of 30 piece reserved");
            expect(DonorPages.needCard(page, tarpaulins)).isVisible(DonorPages.visibleWithin(LIVE_MS));
            expect(DonorPages.needCard(page, tarpaulins)).containsText("Tarpaulin, 4 x 6 m");
            expect(DonorPages.progress(page, tarpaulins)).hasAttribute("aria-valuenow", "0");
            expect(DonorPages.needCard(page, lanterns)).isVisible();
            expect(page.locator("ul.needs > li")).hasCount(3);
            // The totals follow too: three needs open, and the donor who pledged while the page was away.
            expect(total(page, "Needs open")).hasText("3", new LocatorAssertions.HasTextOptions().setTimeout(LIVE_MS));
            expect(total(page, "Donors")).hasText("1");
            assertThat(page.evaluate("() => window.__sameDocument")).as("the page was not reloaded")
                    .isEqualTo("never reloaded");
            donor.screenshot("campaign-back-live");

            // On the wire: the stream before the drop delivered the lantern need; every stream request after it
            // resumed from a position, the first from the last event the page had seen; the stream that was answered
            // replayed the pledge and the new need, and only events after its position.
            List<DroppingProxy.Exchange> exchanges = proxy.exchanges();
            List<StreamRequest> before = streamRequests(exchanges.subList(0, beforeTheDrop));
            List<StreamRequest> after = streamRequests(exchanges.subList(beforeTheDrop, exchanges.size()));
            assertThat(before).as("stream requests before the drop").isNotEmpty();
            List<SseEvent> delivered = before.stream().flatMap(request -> request.events().stream()).toList();
            assertThat(delivered).as("events the stream delivered before the drop")
                    .anyMatch(event -> event.isNeed(lanterns));
            long lastSeen = delivered.stream().mapToLong(SseEvent::id).max().orElseThrow();
            System.out.println("WebAppReconnectTest: last event before the drop " + lastSeen + "; " + proxy.refused()
                    + " connections refused while down; stream requests after it: " + after);

            assertThat(after).as("stream requests after the drop").isNotEmpty();
            assertThat(after).as("stream requests after the drop, each with Last-Event-ID or ?lastEventId=")
                    .allMatch(request -> request.resumeFrom() != null);
            assertThat(after.get(0).resumeFrom()).as("the position the first stream request after the drop resumed from,"
                    + " request: %s", after.get(0).head()).isEqualTo(lastSeen);
            List<StreamRequest> answered = after.stream().filter(request -> request.status() == 200).toList();
            assertThat(answered).as("stream requests after the drop answered 200: %s", after).isNotEmpty();
            StreamRequest resumed = answered.get(0);
            assertThat(resumed.events()).as("events replayed after position %s", resumed.resumeFrom())
                    .isNotEmpty()
                    .allMatch(event -> event.id() > resumed.resumeFrom())
                    .anyMatch(event -> event.isNeed(tarpaulins))
                    .anyMatch(event -> event.isNeed(blankets) && event.data().path("reserved").asInt() == 7)
                    .noneMatch(event -> event.isNeed(lanterns));

            assertThat(scriptErrors(donor)).as("console errors other than the requests the drop failed").isEmpty();
        }
    }

    @Test
    void a_stream_the_gateway_refuses_is_reopened_by_the_page_itself_from_its_last_event(RunningStack stack,
                                                                                          Browsers browsers)
            throws IOException {
        DonorStage stage = DonorStage.organise(stack, "Crowded Gateway Relief Team");
        String campaignId = stage.campaign("Ya'an flood: crowded gateway");
        String jerrycans = stage.need(campaignId, "Water jerrycan", 40);
        Api.Account other = stage.donor("Tang Wei");

        try (DroppingProxy proxy = new DroppingProxy(stack.gateway());
             StreamHogs hogs = new StreamHogs(stack, proxy.source(), campaignId)) {
            Visitor donor = browsers.open(Device.DESKTOP, "en-US", proxy.uri());
            DonorPages.openCampaign(donor, campaignId);
            Page page = donor.page();
            Locator liveState = page.locator(".live-state");
            page.evaluate("() => { window.__sameDocument = 'never reloaded'; }");
            String kits = stage.need(campaignId, "Hygiene kit", 25);
            expect(DonorPages.needCard(page, kits)).isVisible(DonorPages.visibleWithin(LIVE_MS));

            // Other streams from the browser's address take all the gateway lets one client hold but the page's own;
            // then the page's is cut, and the slot it leaves is taken too before the browser can get back.
            hogs.takeAllButOne();
            proxy.refuse(true);
            proxy.dropAll();
            int beforeTheDrop = proxy.exchanges().size();
            expect(liveState).hasAttribute("data-state", "reconnecting");
            hogs.takeTheLast();
            proxy.refuse(false);

            // The gateway refuses the browser's stream (429): EventSource gives up, and the page opens a new one
            // itself, with ?lastEventId=, which is refused too while the share is taken.
            awaitOnTheWire(page, proxy, beforeTheDrop, "a stream request with ?lastEventId= answered 429",
                    requests -> requests.stream()
                            .anyMatch(request -> request.status() == 429 && request.head().contains("lastEventId=")));
            expect(liveState).hasAttribute("data-state", "reconnecting");
            expect(liveState).hasText("Reconnecting…");
            donor.screenshot("campaign-refused-stream");

            stage.pledge(other, jerrycans, 5);
            String nets = stage.need(campaignId, "Mosquito net", 60);
            stage.listingOnce(jerrycans, listing -> listing.get("reserved").asInt() == 5);
            stage.listingOnce(nets, listing -> true);
            expect(DonorPages.needCard(page, nets)).hasCount(0);

            // The other streams end: the page's next try gets in and it is live again, with what it missed.
            hogs.close();
            expect(liveState).hasAttribute("data-state", "live", new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));
            expect(DonorPages.progress(page, jerrycans)).hasAttribute("aria-valuenow", "5",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));
            expect(DonorPages.needCard(page, nets)).isVisible(DonorPages.visibleWithin(LIVE_MS));
            expect(DonorPages.needCard(page, nets)).containsText("Mosquito net");
            expect(page.locator("ul.needs > li")).hasCount(3);
            assertThat(page.evaluate("() => window.__sameDocument")).as("the page was not reloaded")
                    .isEqualTo("never reloaded");

            // On the wire: the stream that got in was opened by the page with ?lastEventId= at the last event it had
            // seen, and was sent what happened after it, nothing before.
            List<DroppingProxy.Exchange> exchanges = proxy.exchanges();
            List<SseEvent> delivered = streamRequests(exchanges.subList(0, beforeTheDrop)).stream()
                    .flatMap(request -> request.events().stream()).toList();
            assertThat(delivered).as("events the stream delivered before the drop").anyMatch(event -> event.isNeed(kits));
            long lastSeen = delivered.stream().mapToLong(SseEvent::id).max().orElseThrow();
            List<StreamRequest> after = streamRequests(exchanges.subList(beforeTheDrop, exchanges.size()));
            System.out.println("WebAppReconnectTest: last event before the drop " + lastSeen
                    + "; stream requests after it: " + after);
            assertThat(after).as("stream requests after the drop").isNotEmpty()
                    .allMatch(request -> request.status() == 429 || request.status() == 200);
            assertThat(after.get(0).resumeFrom()).as("the position the first stream request after the drop resumed from,"
                    + " request: %s", after.get(0).head()).isEqualTo(lastSeen);
            List<StreamRequest> answered = after.stream().filter(request -> request.status() == 200).toList();
            assertThat(answered).as("stream requests after the drop answered 200: %s", after).hasSize(1);
            StreamRequest resumed = answered.get(0);
            assertThat(resumed.head().lines().findFirst().orElseThrow()).as("the request line of the reopened stream")
                    .contains("lastEventId=" + lastSeen);
            assertThat(resumed.events()).as("events replayed after position %s", lastSeen)
                    .isNotEmpty()
                    .allMatch(event -> event.id() > lastSeen)
                    .anyMatch(event -> event.isNeed(nets))
                    .anyMatch(event -> event.isNeed(jerrycans) && event.data().path("reserved").asInt() == 5)
                    .noneMatch(event -> event.isNeed(kits));

            assertThat(scriptErrors(donor)).as("console errors other than the requests the drop and the gateway failed")
                    .isEmpty();
        }
    }

    /** Waits, within the live timeout, until the stream requests after the drop satisfy {@code until}. */
    private static void awaitOnTheWire(Page page, DroppingProxy proxy, int beforeTheDrop, String what,
                                       Predicate<List<StreamRequest>> until) {
        try {
            page.waitForCondition(() -> until.test(streamRequests(after(proxy, beforeTheDrop))),
                    new Page.WaitForConditionOptions().setTimeout(LIVE_MS));
        } catch (TimeoutError e) {
            throw new AssertionError(what + ": not seen in " + (long) LIVE_MS + " ms; stream requests after the drop: "
                    + streamRequests(after(proxy, beforeTheDrop)) + "; connections after the drop: "
                    + describe(after(proxy, beforeTheDrop)), e);
        }
    }

    /** Each connection's request lines and status lines, for a failure's message. */
    private static String describe(List<DroppingProxy.Exchange> exchanges) {
        StringBuilder text = new StringBuilder();
        for (DroppingProxy.Exchange exchange : exchanges) {
            text.append("\n  #").append(exchange.number()).append(" sent ");
            starts(exchange.sent(), REQUEST_LINE).forEach(start -> text.append('[')
                    .append(exchange.sent(), start, exchange.sent().indexOf('\r', start)).append("] "));
            text.append("received ");
            answers(exchange.received()).forEach(answer -> text.append('[')
                    .append(answer.head().lines().findFirst().orElse("")).append("] "));
            text.append("(").append(exchange.received().length()).append(" chars)");
        }
        return text.toString();
    }

    private static List<DroppingProxy.Exchange> after(DroppingProxy proxy, int beforeTheDrop) {
        List<DroppingProxy.Exchange> exchanges = proxy.exchanges();
        return exchanges.subList(beforeTheDrop, exchanges.size());
    }

    /**
     * Streams of a campaign opened straight at the gateway from one loopback address (the proxy's, so the browser's
     * to the gateway), and left open: they take the share of streams the gateway lets that address hold.
     */
    private static final class StreamHogs implements AutoCloseable {
        private final RunningStack stack;
        private final InetAddress source;
        private final String campaignId;
        private final List<Socket> open = new ArrayList<>();

        StreamHogs(RunningStack stack, InetAddress source, String campaignId) {
            this.stack = stack;
            this.source = source;
            this.campaignId = campaignId;
        }

        /** Opens streams until the gateway refuses one (429): the address's share is then all taken. */
        void takeAllButOne() throws IOException {
            for (int i = 0; i < 50; i++) {
                if (!tryOne()) {
                    return;
                }
            }
            throw new AssertionError("the gateway let one address open " + open.size() + " streams and more");
        }

        /** Takes one more stream once the gateway has one to give (it frees a dropped stream's slot within moments). */
        void takeTheLast() {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(this::tryOne);
        }

        /** Opens one stream; true when the gateway answered 200 (kept open), false when it answered 429. */
        private boolean tryOne() throws IOException {
            Socket socket = new Socket();
            boolean kept = false;
            try {
                socket.bind(new InetSocketAddress(source, 0));
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), stack.gateway().getPort()), 5_000);
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write(("GET " + STREAM + "?campaignId=" + campaignId + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + stack.gateway().getPort() + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String status = statusLine(socket.getInputStream());
                if (status.startsWith("HTTP/1.1 200 ")) {
                    open.add(socket);
                    kept = true;
                    return true;
                }
                if (status.startsWith("HTTP/1.1 429 ")) {
                    return false;
                }
                throw new AssertionError("a stream straight at the gateway was answered " + status);
            } finally {
                if (!kept) {
                    socket.close();
                }
            }
        }

        private static String statusLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int read;
            while ((read = in.read()) >= 0 && read != '\n') {
                line.append((char) read);
            }
            return line.toString().trim();
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }
    }

    /** The figure of one of the campaign's totals on its page, by its label. */
    private static Locator total(Page page, String label) {
        return page.locator(".campaign-header dl.totals .total")
                .filter(new Locator.FilterOptions().setHas(page.locator("dt", new Page.LocatorOptions().setHasText(label))))
                .locator("dd");
    }

    /** One request for the stream as it went through the proxy: its head, the position it resumed from, its answer. */
    private record StreamRequest(int connection, String head, Long resumeFrom, int status, List<SseEvent> events) {
        @Override
        public String toString() {
            return "#" + connection + " " + head.lines().findFirst().orElse("") + " resume=" + resumeFrom
                    + " status=" + status + " events=" + events.size();
        }
    }

    /** One server-sent event: its id (a feed position), its name, its data as JSON. */
    private record SseEvent(long id, String name, JsonNode data) {
        boolean isNeed(String needId) {
            return name.equals("need") && data.path("id").asText().equals(needId);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^[A-Z]+ [^ \\r\\n]+ HTTP/1\\.1\r\n");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:[ \\t]*(\\d+)");
    private static final Pattern LAST_EVENT_ID_HEADER =
            Pattern.compile("(?im)^last-event-id:[ \\t]*(\\d+)");
    private static final Pattern LAST_EVENT_ID_PARAMETER = Pattern.compile("[?&]lastEventId=(\\d+)");

    /**
     * The stream requests in these connections, in order. A connection carries requests one after another (keep-alive,
     * no pipelining), so its n-th answer is its n-th request's.
     */
    private static List<StreamRequest> streamRequests(List<DroppingProxy.Exchange> exchanges) {
        List<StreamRequest> found = new ArrayList<>();
        for (DroppingProxy.Exchange exchange : exchanges) {
            String sent = exchange.sent();
            List<Integer> requestStarts = starts(sent, REQUEST_LINE);
            List<Answer> answers = answers(exchange.received());
            for (int i = 0; i < requestStarts.size(); i++) {
                int start = requestStarts.get(i);
                if (!sent.startsWith("GET " + STREAM, start)) {
                    continue;
                }
                int end = sent.indexOf("\r\n\r\n", start);
                String head = sent.substring(start, end < 0 ? sent.length() : end);
                Answer answer = i < answers.size() ? answers.get(i) : null;
                found.add(new StreamRequest(exchange.number(), head, resumeFrom(head), answer == null ? 0 : answer.status(),
                        answer != null && answer.status() == 200 ? events(answer.body()) : List.of()));
            }
        }
        return found;
    }

    /** One answer on a connection: its status, its head, its body (unchunked), as far as they went through. */
    private record Answer(int status, String head, String body) {
    }

    /**
     * The answers one after another in what a connection received, split by their framing: Content-Length, chunked,
     * or else to the end of the connection (a stream). The last may be cut off.
     */
    private static List<Answer> answers(String received) {
        List<Answer> answers = new ArrayList<>();
        int at = 0;
        while (received.startsWith("HTTP/1.1 ", at) && received.length() >= at + 12) {
            int status = Integer.parseInt(received.substring(at + 9, at + 12));
            int headEnd = received.indexOf("\r\n\r\n", at);
            if (headEnd < 0) {
                answers.add(new Answer(status, received.substring(at), ""));
                break;
            }
            String head = received.substring(at, headEnd);
            int bodyStart = headEnd + 4;
            Matcher length = CONTENT_LENGTH.matcher(head);
            if (length.find()) {
                int bodyEnd = Math.min(bodyStart + Integer.parseInt(length.group(1)), received.length());
                answers.add(new Answer(status, head, received.substring(bodyStart, bodyEnd)));
                at = bodyEnd;
            } else if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                StringBuilder body = new StringBuilder();
                at = dechunk(received, bodyStart, body);
                answers.add(new Answer(status, head, body.toString()));
            } else {
                answers.add(new Answer(status, head, received.substring(bodyStart)));
                break;
            }
        }
        return answers;
    }

    /** The position a stream request resumes after: its Last-Event-ID header, else its lastEventId parameter. */
    private static Long resumeFrom(String head) {
        Matcher header = LAST_EVENT_ID_HEADER.matcher(head);
        if (header.find()) {
            return Long.parseLong(header.group(1));
        }
        Matcher parameter = LAST_EVENT_ID_PARAMETER.matcher(head.lines().findFirst().orElse(""));
        return parameter.find() ? Long.parseLong(parameter.group(1)) : null;
    }

    /** The complete events of a stream's body (its end may be cut off). */
    private static List<SseEvent> events(String body) {
        List<SseEvent> events = new ArrayList<>();
        String text = body.replace("\r\n", "\n");
        int blockEnd = text.lastIndexOf("\n\n"); // what follows is an event not yet complete
        if (blockEnd < 0) {
            return events;
        }
        for (String block : text.substring(0, blockEnd).split("\n\n")) {
            Long id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
            if (id != null) {
                // The bytes were kept as ISO-8859-1: read the data back as the UTF-8 it is.
                String json = new String(data.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                try {
                    events.add(new SseEvent(id, name, JSON.readTree(json)));
                } catch (IOException e) {
                    throw new AssertionError("event " + id + " has data that is not JSON: " + json, e);
                }
            }
        }
        return events;
    }

    /** Appends the chunks from {@code at} on to {@code body}, as far as they went; returns where they end. */
    private static int dechunk(String text, int at, StringBuilder body) {
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return text.length();
            }
            String size = text.substring(at, lineEnd);
            int extension = size.indexOf(';');
            int length = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            int start = lineEnd + 2;
            if (length == 0) {
                // The last chunk, then trailers (none here) and an empty line.
                int trailerEnd = text.indexOf("\r\n", start);
                return trailerEnd < 0 ? text.length() : trailerEnd + 2;
            }
            int end = Math.min(start + length, text.length());
            body.append(text, start, end);
            at = Math.min(end + 2, text.length());
        }
        return at;
    }

    private static List<Integer> starts(String text, Pattern pattern) {
        List<Integer> starts = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            starts.add(matcher.start());
        }
        return starts;
    }

    /**
     * The console's errors but those the drop itself causes: requests that failed on the network while the proxy cut or
     * refused them ("Failed to load resource: net::ERR_…"), which {@link Visitor#failedRequests()} lists.
     */
    private static List<String> scriptErrors(Visitor visitor) {
        return visitor.consoleErrors().stream()
                .filter(line -> !line.contains("Failed to load resource") && !line.contains("net::ERR_"))
                .toList();
    }
}

package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.system.Browsers.Device;

/**
 * The browser harness itself, on two small pages of its own (no stack needed): it sees what the web app's tests rely
 * on it to see. A harness that saw nothing would let every browser test pass; these fail instead.
 */
@ExtendWith(Browsers.class)
class BrowserHarnessTest {

    /** Like the app's: scripts and everything else from our own origin only, no inline script. */
    private static final String STRICT_CSP = "default-src 'self'; script-src 'self'; img-src 'self' data:";

    private static final String GOOD = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>A good page</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body><main><h1>Blankets, 500 pieces</h1><p>Delivered 120 of 500.</p>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="a blanket"></main></body></html>
            """;

    /** Breaks a rule axe calls critical, runs an inline script the policy forbids and loads from another origin. */
    private static final String BAD = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>A bad page</title></head>
            <body><main><h1>Tents</h1><button></button>
            <script>document.title = 'inline ran';</script>
            <img src="%s/pixel.gif" alt="">
            </main></body></html>
            """;

    private static HttpServer server;
    private static URI base;
    private static URI otherOrigin;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = server.getAddress().getPort();
        base = URI.create("http://127.0.0.1:" + port);
        otherOrigin = URI.create("http://localhost:" + port);
        Map<String, String> pages = Map.of("/good", GOOD, "/bad", BAD.formatted(otherOrigin), "/pixel.gif", "",
                "/favicon.ico", ""); // Chromium asks for it by itself: a 404 would be a console error
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not here" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Content-Security-Policy", STRICT_CSP);
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void axe_runs_under_a_strict_csp_and_reports_a_critical_violation(Browsers browsers) {
        Visitor visitor = browsers.open(Device.DESKTOP, "en-US", base);

        visitor.open("/bad");
        assertThat(Accessibility.seriousViolations(visitor.page()))
                .extracting(Accessibility.Violation::id).contains("button-name");

        visitor.open("/good");
        assertThat(Accessibility.seriousViolations(visitor.page())).isEmpty();
    }

    @Test
    void a_visitor_sees_blocked_inline_scripts_and_requests_to_other_origins(Browsers browsers) {
        Visitor visitor = browsers.open(Device.DESKTOP, "en-US", base);

        visitor.open("/good");
        visitor.settle();
        assertThat(visitor.consoleErrors()).isEmpty();
        assertThat(visitor.requestsToOtherOrigins()).isEmpty();
        assertThat(visitor.failedRequests()).isEmpty();

        visitor.open("/bad");
        visitor.settle();
        assertThat(visitor.page().title()).as("the policy is enforced, not bypassed").isEqualTo("A bad page");
        assertThat(visitor.consoleErrors()).anyMatch(error -> error.contains("Content Security Policy"));
        assertThat(visitor.requestsToOtherOrigins()).containsExactly("GET " + otherOrigin + "/pixel.gif");
    }

    @Test
    void a_phone_speaks_its_locale_and_leaves_a_screenshot(Browsers browsers) throws IOException {
        Visitor visitor = browsers.open(Device.PHONE, "zh-CN", base);

        visitor.open("/good");
        Object seen = visitor.page().evaluate("() => [navigator.language, window.innerWidth,"
                + " devicePixelRatio, 'ontouchstart' in window].join(' ')");
        assertThat(seen).isEqualTo("zh-CN 390 2 true");
        Path screenshot = visitor.screenshot("harness");

        assertThat(screenshot).hasFileName("BrowserHarnessTest-harness-phone.png");
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void a_page_the_server_does_not_have_fails_at_once_with_its_status(Browsers browsers) {
        Visitor visitor = browsers.open(Device.DESKTOP, "en-US", base);

        assertThatThrownBy(() -> visitor.open("/"))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("no web app at /: 404");
    }
}

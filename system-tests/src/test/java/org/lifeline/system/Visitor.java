package org.lifeline.system;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lifeline.system.Browsers.Device;

/**
 * One person at the web app: a fresh browser context (no cookies, no storage) on a phone or a desktop, speaking a
 * locale, with relative URLs against the gateway, and its first page. It records what a developer would see in the
 * browser's console and network panel: console messages, uncaught errors, every request and the ones that failed.
 *
 * <p>The page's Content-Security-Policy is enforced as in a real browser (a script the policy forbids is a console
 * error here too); {@link Accessibility} still runs axe in it.
 */
public final class Visitor implements AutoCloseable {

    /** How long one action or assertion may wait for the page: long enough for a loaded machine, short enough to fail. */
    static final double ACTION_TIMEOUT_MS = 15_000;
    static final double NAVIGATION_TIMEOUT_MS = 30_000;

    private final BrowserContext context;
    private final Page page;
    private final Device device;
    private final String locale;
    private final URI base;
    private final String testClass;
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failedRequests = Collections.synchronizedList(new ArrayList<>());
    private final Set<Request> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Instant lastNetworkActivity = Instant.now();
    private boolean closed;

    Visitor(Browser browser, Device device, String locale, URI base, String testClass) {
        this.device = device;
        this.locale = locale;
        this.base = base;
        this.testClass = testClass;
        Browser.NewContextOptions options = new Browser.NewContextOptions()
                .setViewportSize(device.width, device.height)
                .setDeviceScaleFactor(device.scale)
                .setIsMobile(device.mobile)
                .setHasTouch(device.mobile)
                .setLocale(locale)
                .setBaseURL(base.toString());
        this.context = browser.newContext(options);
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
        context.onConsoleMessage(this::recordConsole);
        context.onWebError(error -> errors.add("uncaught: " + error.error()));
        context.onRequest(request -> {
            requests.add(request.method() + " " + request.url());
            if (!isEventStream(request)) {
                inFlight.add(request);
            }
            lastNetworkActivity = Instant.now();
        });
        context.onRequestFinished(request -> {
            inFlight.remove(request);
            lastNetworkActivity = Instant.now();
            Response response = request.response();
            if (response != null && response.status() >= 400) {
                failedRequests.add(request.method() + " " + request.url() + " -> " + response.status());
            }
        });
        context.onRequestFailed(request -> {
            inFlight.remove(request);
            lastNetworkActivity = Instant.now();
            failedRequests.add(request.method() + " " + request.url() + " -> " + request.failure());
        });
        this.page = context.newPage();
    }

    public Page page() {
        return page;
    }

    /** The browser context, for a second tab ({@code context().newPage()}) or cookies. */
    public BrowserContext context() {
        return context;
    }

    public Device device() {
        return device;
    }

    public String locale() {
        return locale;
    }

    /** The gateway (or other base) the relative URLs of this visitor go to. */
    public URI base() {
        return base;
    }

    /**
     * Goes to {@code path} and fails at once, with the status, when the server does not answer it with 200:
     * "no web app at /: 404" rather than a timeout on an element that will never appear.
     */
    public Response open(String path) {
        Response response = page.navigate(path);
        if (response == null || response.status() != 200) {
            throw new AssertionError("no web app at " + path + ": "
                    + (response == null ? "no response" : response.status() + " " + response.statusText()
                            + " (" + response.headers().getOrDefault("content-type", "no content type") + ")"));
        }
        return response;
    }

    /**
     * Waits until the page has loaded and no request is in flight for a short quiet spell (a live stream such as the
     * feed's EventSource does not count), bounded by the action timeout: what the app fetched at start has arrived.
     */
    public Visitor settle() {
        page.waitForLoadState();
        Duration quiet = Duration.ofMillis(400);
        try {
            page.waitForCondition(() -> inFlight.isEmpty()
                            && Duration.between(lastNetworkActivity, Instant.now()).compareTo(quiet) >= 0,
                    new Page.WaitForConditionOptions().setTimeout(ACTION_TIMEOUT_MS));
        } catch (PlaywrightException e) {
            throw new AssertionError("the page at " + page.url() + " did not settle in " + (long) ACTION_TIMEOUT_MS
                    + " ms; still in flight: " + inFlight.stream().map(Request::url).toList()
                    + " (a live stream is recognised as an EventSource or by Accept: text/event-stream)", e);
        }
        return this;
    }

    /** Writes what the screen shows as {@code target/screenshots/<TestClass>-<name>-<phone|desktop>.png}. */
    public Path screenshot(String name) {
        return screenshot(name, false);
    }

    /** The same, the whole page long when {@code wholePage} (a long page makes a tall, narrow picture). */
    public Path screenshot(String name, boolean wholePage) {
        Path file = Browsers.SCREENSHOTS.resolve(testClass + "-" + name + "-" + device.label() + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(wholePage));
        return file;
    }

    /** Console messages of type error and uncaught exceptions, in order, of every page of this context. */
    public List<String> consoleErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Every console message, as "type: text (where)". */
    public List<String> consoleLog() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    /** Every request the pages made, as "METHOD url", in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests that failed on the network or were answered 400 or more, with why. */
    public List<String> failedRequests() {
        synchronized (failedRequests) {
            return List.copyOf(failedRequests);
        }
    }

    /** Requests that went anywhere but the base's origin (a CDN, a font service, a tracker); data: and blob: are local. */
    public List<String> requestsToOtherOrigins() {
        String origin = origin(base);
        return requests().stream().filter(request -> {
            URI url = URI.create(request.substring(request.indexOf(' ') + 1).replace(" ", "%20"));
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            return !scheme.equals("data") && !scheme.equals("blob") && !origin(url).equals(origin);
        }).toList();
    }

    /** After a failed test: the page as it was and its console, under target/browser-failures. */
    void keepForFailure(String test, Throwable failure) {
        String name = test + "-" + device.label() + "-" + locale;
        try {
            Files.createDirectories(Browsers.FAILURES);
            StringWriter log = new StringWriter();
            PrintWriter out = new PrintWriter(log);
            out.println("Test " + test + " failed on " + device.label() + " " + locale + " at " + page.url());
            out.println("Failure: " + failure);
            out.println();
            out.println("Console:");
            consoleLog().forEach(line -> out.println("  " + line));
            out.println("Uncaught errors:");
            consoleErrors().stream().filter(line -> line.startsWith("uncaught:")).forEach(line -> out.println("  " + line));
            out.println("Failed requests:");
            failedRequests().forEach(line -> out.println("  " + line));
            out.println("Requests:");
            requests().forEach(line -> out.println("  " + line));
            out.flush();
            Files.writeString(Browsers.FAILURES.resolve(name + ".log"), log.toString(), StandardCharsets.UTF_8);
            if (!page.isClosed()) {
                page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.FAILURES.resolve(name + ".png"))
                        .setFullPage(true).setTimeout(10_000));
            }
            System.out.println("Browser test failed: its page is kept in " + Browsers.FAILURES.resolve(name + ".{png,log}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PlaywrightException e) {
            System.out.println("Browser test failed; no screenshot of " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                context.close();
            } catch (PlaywrightException e) {
                // A browser that crashed has nothing left to close; the test's own failure says more.
                System.out.println("Browser context of " + device.label() + " " + locale + " did not close: " + e.getMessage());
            }
        }
    }

    private void recordConsole(ConsoleMessage message) {
        String where = message.location() == null || message.location().isEmpty() ? "" : " (" + message.location() + ")";
        String line = message.type() + ": " + message.text() + where;
        console.add(line);
        if (message.type().equals("error")) {
            errors.add(line);
        }
    }

    private static boolean isEventStream(Request request) {
        return request.resourceType().equals("eventsource")
                || request.headers().getOrDefault("accept", "").contains("text/event-stream");
    }

    private static String origin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}

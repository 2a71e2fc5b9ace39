package org.lifeline.system;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Headless Chromium for the web app's end-to-end tests: the system's own {@code chromium} driven by Playwright,
 * launched once per test JVM and closed when its tests end, and a fresh browser context ({@link Visitor}) for each
 * simulated person in a test. A test method takes a {@code Browsers} parameter under
 * {@code @ExtendWith({RunningStack.class, Browsers.class})}:
 * <pre>{@code
 * Visitor donor = browsers.phone("zh-CN");     // at the stack's gateway
 * donor.open("/");
 * donor.screenshot("home");                    // target/screenshots/<TestClass>-home-phone.png
 * }</pre>
 *
 * <p>Chromium is {@code -Dlifeline.chromium=/path/to/chrome} when given, else {@code chromium} or
 * {@code chromium-browser} on the PATH. When none is found the test is skipped with a message, except under
 * {@code CI=true}, where it fails: CI must never pass by skipping the browser tests ({@code .ci/run} installs the
 * Debian package). When a test fails, a screenshot and the console log of each of its visitors' pages are written
 * to {@code target/browser-failures/}.
 */
public final class Browsers implements ParameterResolver, BeforeEachCallback, AfterTestExecutionCallback, AutoCloseable {

    /** Where {@link Visitor#screenshot} writes. */
    static final Path SCREENSHOTS = moduleTarget().resolve("screenshots");
    /** Where a failed test's pages are kept. */
    static final Path FAILURES = moduleTarget().resolve("browser-failures");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browsers.class);
    private static final AtomicBoolean TOLD_SKIPPED = new AtomicBoolean();

    private final ExtensionContext test;
    private final List<Visitor> visitors = new CopyOnWriteArrayList<>();

    /** JUnit's constructor for the extension; tests get theirs from {@link #resolveParameter}. */
    public Browsers() {
        this.test = null;
    }

    private Browsers(ExtensionContext test) {
        this.test = test;
    }

    /** A phone-sized browser (390x844, touch) at the stack's gateway, speaking {@code locale} (such as "zh-CN"). */
    public Visitor phone(String locale) {
        return open(Device.PHONE, locale, gateway());
    }

    /** A desktop browser (1280x800) at the stack's gateway, speaking {@code locale} (such as "en-US"). */
    public Visitor desktop(String locale) {
        return open(Device.DESKTOP, locale, gateway());
    }

    /** A browser on {@code device} at the stack's gateway, speaking {@code locale}. */
    public Visitor open(Device device, String locale) {
        return open(device, locale, gateway());
    }

    /** A fresh browser context, as a new person on {@code device} would have, with relative URLs against {@code base}. */
    public Visitor open(Device device, String locale, URI base) {
        Visitor visitor = new Visitor(launched(test).browser, device, locale, base, test.getRequiredTestClass().getSimpleName());
        visitors.add(visitor);
        return visitor;
    }

    private URI gateway() {
        return RunningStack.shared(test).gateway();
    }

    // ----- the extension -----

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browsers.class && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Browsers browsers = new Browsers(context);
        // JUnit closes it with the test's context: each visitor's browser context goes with its test.
        context.getStore(NAMESPACE).put(Browsers.class, browsers);
        return browsers;
    }

    /** Skips (or under CI fails) a test that takes browsers when there is no Chromium, before it starts anything. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (Arrays.asList(context.getRequiredTestMethod().getParameterTypes()).contains(Browsers.class)) {
            launched(context);
        }
    }

    /** Keeps what each page of a failed test showed, before anything closes them. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        Optional<Throwable> failure = context.getExecutionException();
        Browsers browsers = context.getStore(NAMESPACE).get(Browsers.class, Browsers.class);
        if (failure.isPresent() && browsers != null) {
            String test = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            List<Visitor> pages = List.copyOf(browsers.visitors);
            for (int i = 0; i < pages.size(); i++) {
                // Two people on the same device and locale (a coordinator and a donor) keep a page each.
                pages.get(i).keepForFailure(pages.size() == 1 ? test : test + "-" + (i + 1), failure.get());
            }
        }
    }

    /** Closes the test's visitors (their browser contexts); the browser stays for the next test. */
    @Override
    public void close() {
        List<Visitor> open = new ArrayList<>(visitors);
        visitors.clear();
        for (Visitor visitor : open) {
            visitor.close();
        }
    }

    // ----- the one Chromium of the JVM -----

    private static Launched launched(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Launched.class, ignored -> Launched.start(), Launched.class);
    }

    /** Playwright and the Chromium it launched; closed by JUnit when the root context closes. */
    private record Launched(Playwright playwright, Browser browser) implements AutoCloseable {

        static Launched start() {
            Path chromium = findChromium().orElse(null);
            if (chromium == null) {
                String missing = "no Chromium for the browser tests: install Debian's package (apt-get install chromium),"
                        + " put chromium or chromium-browser on the PATH, or run with -Dlifeline.chromium=/path/to/chrome";
                if (isCi()) {
                    throw new IllegalStateException(missing + " (CI=true: browser tests may not be skipped)");
                }
                if (!TOLD_SKIPPED.getAndSet(true)) {
                    System.out.println("Browser tests SKIPPED: " + missing);
                }
                Assumptions.abort(missing);
            }
            List<String> args = new ArrayList<>();
            if (runsAsRoot()) {
                args.add("--no-sandbox"); // Chromium refuses to start its sandbox as root
            }
            // Without the skip, Playwright tries to download a browser of its own, which cannot be had here.
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            try {
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium).setHeadless(true).setArgs(args).setTimeout(60_000));
                System.out.printf("Browser tests: %s %s, headless%s%n", chromium, browser.version(),
                        args.isEmpty() ? "" : " " + String.join(" ", args));
                return new Launched(playwright, browser);
            } catch (RuntimeException e) {
                playwright.close();
                throw new IllegalStateException("Chromium " + chromium + " did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                browser.close();
            } finally {
                playwright.close();
            }
        }
    }

    /** {@code -Dlifeline.chromium}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    static Optional<Path> findChromium() {
        String given = System.getProperty("lifeline.chromium", "").trim();
        if (!given.isEmpty()) {
            Path path = Path.of(given);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("-Dlifeline.chromium=" + given + " is not an executable file");
            }
            return Optional.of(path);
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static boolean runsAsRoot() {
        try {
            // "Uid:\t0\t0\t0\t0" for root; user.name can be anything in a container.
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[1].equals("0"));
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Path moduleTarget() {
        Path root = Path.of(System.getProperty("lifeline.repo.root", "..")).toAbsolutePath().normalize();
        return root.resolve("system-tests/target");
    }

    /** The two screens the web app is tested on. */
    public enum Device {
        /** A phone held upright: 390x844 CSS pixels, touch, a 2x screen. */
        PHONE(390, 844, true, 2),
        /** A laptop's browser window. */
        DESKTOP(1280, 800, false, 1);

        final int width;
        final int height;
        final boolean mobile;
        final double scale;

        Device(int width, int height, boolean mobile, double scale) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
            this.scale = scale;
        }

        /** "phone" or "desktop", as in screenshot names. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

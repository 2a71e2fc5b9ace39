package org.lifeline.system;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.lifeline.launcher.LocalStack;
import org.lifeline.launcher.ServiceSpec;
import org.lifeline.launcher.StackLayout;

/**
 * The whole local stack (PostgreSQL, Kafka, the four services) started once per test JVM by the
 * launcher itself, on free loopback ports, with its data under {@code target/system-stack}. Test
 * classes take it as a parameter: {@code @ExtendWith(RunningStack.class)} and a {@code RunningStack}
 * argument to a test, constructor or {@code @BeforeAll} method. It is stopped when the JVM's tests end.
 */
public final class RunningStack implements ParameterResolver, AutoCloseable {

    static final String ADMIN_EMAIL = "admin@system-tests.local";
    static final String ADMIN_PASSWORD = "system-tests admin password";

    private static final Path REPO_ROOT =
            Path.of(System.getProperty("lifeline.repo.root", "..")).toAbsolutePath().normalize();

    private final StackLayout layout;
    private final LocalStack stack;

    /** JUnit's constructor for the extension; the stack itself is made once, by {@link #shared}. */
    public RunningStack() {
        this.layout = null;
        this.stack = null;
    }

    private RunningStack(StackLayout layout, LocalStack stack) {
        this.layout = layout;
        this.stack = stack;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The JVM's one stack, started on first use and closed with the root context at the end of the run. */
    static RunningStack shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningStack.class, ignored -> start(), RunningStack.class);
    }

    private static RunningStack start() {
        try {
            Path home = REPO_ROOT.resolve("system-tests/target/system-stack");
            deleteRecursively(home);
            StackLayout layout = StackLayout.onFreePorts(REPO_ROOT, home, Duration.ofSeconds(240));
            LocalStack stack = new LocalStack(layout,
                    Map.of("LIFELINE_ADMIN_EMAIL", ADMIN_EMAIL, "LIFELINE_ADMIN_PASSWORD", ADMIN_PASSWORD), System.out);
            stack.start();
            return new RunningStack(layout, stack);
        } catch (Exception e) {
            throw new IllegalStateException("The local stack did not start: " + e.getMessage(), e);
        }
    }

    /** Called by JUnit when the root context closes. */
    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public StackLayout layout() {
        return layout;
    }

    /** The gateway, the only public door, such as {@code http://localhost:41000}. */
    public URI gateway() {
        return layout.baseUrl(ServiceSpec.GATEWAY);
    }

    /** A service's own address (on loopback), for tests that check what a caller who skips the gateway gets. */
    public URI service(ServiceSpec service) {
        return layout.baseUrl(service);
    }

    /** A client of the public API through the gateway. */
    public Api api() {
        return new Api(gateway());
    }

    /** The service's log file in the stack's data folder. */
    public Path logFile(ServiceSpec service) {
        return layout.logFile(service);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}

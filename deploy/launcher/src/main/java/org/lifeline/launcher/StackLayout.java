package org.lifeline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Where the local stack keeps its data, which ports PostgreSQL, Kafka and the services use (the
 * gateway on {@code basePort}, the services on the next three), and how long start-up may take.
 */
public record StackLayout(Path repoRoot, Path home, int postgresPort, int kafkaPort, int basePort,
        Duration startTimeout) {

    /**
     * Reads {@code LIFELINE_HOME}, {@code LIFELINE_PG_PORT}, {@code LIFELINE_KAFKA_PORT}, {@code LIFELINE_PORT}
     * (the gateway's, 8080; the services take the next three) and {@code LIFELINE_START_TIMEOUT}.
     */
    public static StackLayout fromEnvironment(Path repoRoot, Map<String, String> env) {
        Path root = repoRoot.toAbsolutePath().normalize();
        String home = env.get("LIFELINE_HOME");
        return new StackLayout(
                root,
                home == null || home.isBlank() ? root.resolve(".lifeline") : Path.of(home).toAbsolutePath().normalize(),
                number(env, "LIFELINE_PG_PORT", 5432),
                number(env, "LIFELINE_KAFKA_PORT", 9092),
                number(env, "LIFELINE_PORT", 8080),
                Duration.ofSeconds(number(env, "LIFELINE_START_TIMEOUT", 90)));
    }

    /**
     * A layout on ports free at this moment (PostgreSQL, Kafka and four consecutive service ports), for
     * tests and for stacks run beside another one.
     */
    public static StackLayout onFreePorts(Path repoRoot, Path home, Duration startTimeout) {
        Set<Integer> taken = new HashSet<>();
        int postgres = freePort(taken);
        int kafka = freePort(taken);
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = freePort(taken);
            if (base + ServiceSpec.ALL.size() <= 65535
                    && IntStream.range(1, ServiceSpec.ALL.size()).allMatch(i -> !taken.contains(base + i) && isFree(base + i))) {
                return new StackLayout(repoRoot.toAbsolutePath().normalize(), home.toAbsolutePath().normalize(),
                        postgres, kafka, base, startTimeout);
            }
        }
        throw new IllegalStateException("Found no four consecutive free ports on this machine");
    }

    public int port(ServiceSpec service) {
        return service.port(basePort);
    }

    public URI baseUrl(ServiceSpec service) {
        return service.baseUrl(basePort);
    }

    public URI readinessUrl(ServiceSpec service) {
        return service.readinessUrl(basePort);
    }

    public Path postgresData() {
        return home.resolve("postgres");
    }

    public Path kafkaData() {
        return home.resolve("kafka");
    }

    public Path keysDir() {
        return home.resolve("keys");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path logFile(ServiceSpec service) {
        return logsDir().resolve(service.name() + ".log");
    }

    public Path runJar(ServiceSpec service) {
        return repoRoot.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int freePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port", e);
            }
        }
        throw new IllegalStateException("Found no free port on this machine");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
    }
}

package org.lifeline.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Where the local stack keeps its data, which ports PostgreSQL and Kafka use, and how long start-up may take. */
public record StackLayout(Path repoRoot, Path home, int postgresPort, int kafkaPort, Duration startTimeout) {

    /** Reads {@code LIFELINE_HOME}, {@code LIFELINE_PG_PORT}, {@code LIFELINE_KAFKA_PORT} and {@code LIFELINE_START_TIMEOUT}. */
    public static StackLayout fromEnvironment(Path repoRoot, Map<String, String> env) {
        Path root = repoRoot.toAbsolutePath().normalize();
        String home = env.get("LIFELINE_HOME");
        return new StackLayout(
                root,
                home == null || home.isBlank() ? root.resolve(".lifeline") : Path.of(home).toAbsolutePath().normalize(),
                number(env, "LIFELINE_PG_PORT", 5432),
                number(env, "LIFELINE_KAFKA_PORT", 9092),
                Duration.ofSeconds(number(env, "LIFELINE_START_TIMEOUT", 90)));
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

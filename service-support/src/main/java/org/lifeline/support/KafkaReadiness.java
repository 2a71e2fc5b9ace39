package org.lifeline.support;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka broker, from the {@code kafka.*} settings. Quarkus's own check
 * ({@code quarkus.kafka.health.enabled}) waits a minute for a broker that is down; this one answers
 * within {@link #TIMEOUT}. An app without Kafka excludes it with {@code quarkus.arc.exclude-types}.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final String NAME = "Kafka connection health check";

    private final Admin admin;

    KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(config);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
                    .stream()
                    .map(node -> node.host() + ":" + node.port())
                    .collect(Collectors.joining(","));
            return HealthCheckResponse.named(NAME).up().withData("nodes", nodes).build();
        } catch (ExecutionException | TimeoutException e) {
            return down(e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        }
    }

    private static HealthCheckResponse down(Throwable reason) {
        return HealthCheckResponse.named(NAME).down().withData("reason", String.valueOf(reason.getMessage())).build();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}

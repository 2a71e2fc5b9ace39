package org.lifeline.support.eventsourcing;

import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifeline.support.LifelineConfig;

import java.time.Duration;
import java.util.Map;

/** Where the kernel's own connections go: the service's database and Kafka, from the service's config. */
@ApplicationScoped
public class KernelConnections {

    private final String reactiveUrl;
    private final String username;
    private final String password;
    private final String kafkaBootstrap;
    private final Duration connectTimeout;

    KernelConnections(@ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
                      @ConfigProperty(name = "quarkus.datasource.username") String username,
                      @ConfigProperty(name = "quarkus.datasource.password") String password,
                      @ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrap,
                      LifelineConfig config) {
        this.reactiveUrl = reactiveUrl;
        this.username = username;
        this.password = password;
        this.kafkaBootstrap = kafkaBootstrap;
        this.connectTimeout = config.database().connectTimeout();
    }

    /** A dedicated connection's options (the relay's LISTEN and lock need one outside the pool). */
    public PgConnectOptions database() {
        String url = reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length())
                : reactiveUrl;
        return PgConnectOptions.fromUri(url).setUser(username).setPassword(password).setCachePreparedStatements(true)
                .setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
    }

    public Map<String, Object> kafka() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    }
}

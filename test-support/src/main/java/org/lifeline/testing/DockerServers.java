package org.lifeline.testing;

import java.util.function.Consumer;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers path of {@link TestInfra}, in a class of its own so that it is only used when a Docker engine answers. */
final class DockerServers {

    private DockerServers() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static TestPostgres startPostgres(Consumer<AutoCloseable> stopAtExit) {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
        container.start();
        stopAtExit.accept(container);
        return new TestPostgres(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                container.getUsername(), container.getPassword());
    }

    static String startKafka(Consumer<AutoCloseable> stopAtExit) {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
        container.start();
        stopAtExit.accept(container);
        return container.getBootstrapServers();
    }
}

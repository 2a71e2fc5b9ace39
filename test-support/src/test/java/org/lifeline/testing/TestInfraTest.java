package org.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfraTest {

    @Test
    void givesAFreshWorkingDatabase() throws Exception {
        TestPostgres postgres = TestInfra.postgres();
        postgres.createDatabase("infra_check");
        try (Connection connection = postgres.dataSource("infra_check").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leftover (id int)");
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }

        postgres.createDatabase("infra_check");
        try (Connection connection = postgres.dataSource("infra_check").getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isZero();
        }
        assertThat(TestInfra.postgres()).isEqualTo(postgres);
    }

    @Test
    void givesAKafkaThatAcceptsRecords() throws Exception {
        String bootstrap = TestInfra.kafkaBootstrap();
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            RecordMetadata sent = producer.send(new ProducerRecord<>("test-infra-check", "key", "first")).get(30, TimeUnit.SECONDS);
            assertThat(sent.offset()).isZero();
        }
        assertThat(TestInfra.kafkaBootstrap()).isEqualTo(bootstrap);
    }

    @Test
    void embeddedKafkaCanBeStoppedAndRestarted() throws Exception {
        Optional<EmbeddedKafka> embedded = TestInfra.embeddedKafka();
        assumeTrue(embedded.isPresent(), "Kafka is not embedded");
        EmbeddedKafka broker = embedded.get();
        assertThat(broker.bootstrapServers()).isEqualTo(TestInfra.kafkaBootstrap());
        try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            producer.send(new ProducerRecord<>("test-infra-restart", "key", "before")).get(30, TimeUnit.SECONDS);
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.restart();
            assertThat(broker.isRunning()).isTrue();
            RecordMetadata sent = producer.send(new ProducerRecord<>("test-infra-restart", "key", "after")).get(60, TimeUnit.SECONDS);
            assertThat(sent.offset()).isEqualTo(1);
        }
    }

    @Test
    void embeddedPostgresCanBeStoppedAndRestartedWithItsData() throws Exception {
        Optional<EmbeddedPostgres> embedded = TestInfra.embeddedPostgres();
        assumeTrue(embedded.isPresent(), "PostgreSQL is not embedded");
        EmbeddedPostgres server = embedded.get();
        TestPostgres postgres = TestInfra.postgres();
        postgres.createDatabase("infra_restart");
        try (Connection connection = postgres.dataSource("infra_restart").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
        }

        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> postgres.dataSource("infra_restart").getConnection()).isInstanceOf(SQLException.class);
        server.restart();

        assertThat(server.isRunning()).isTrue();
        try (Connection connection = postgres.dataSource("infra_restart").getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }
}

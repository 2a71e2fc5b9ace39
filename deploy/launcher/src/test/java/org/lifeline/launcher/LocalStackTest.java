package org.lifeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.lifeline.infra.KafkaBroker;

/**
 * Starts the whole local stack from the built apps, stops it, starts it again and checks the data is still there;
 * checks on the way that the services listen on loopback only and that PostgreSQL is durable unless switched off.
 */
class LocalStackTest {

    private static final Path REPO_ROOT = Path.of(System.getProperty("lifeline.repo.root", "../..")).toAbsolutePath().normalize();
    private static final String PROBE_TOPIC = "launcher.probe";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsTheFourServicesAndASecondStartKeepsTheData() throws Exception {
        Path home = Path.of("target", "local-stack-test").toAbsolutePath();
        deleteRecursively(home);
        StackLayout layout = StackLayout.onFreePorts(REPO_ROOT, home, Duration.ofSeconds(240));

        List<ProcessHandle> firstRunProcesses;
        String adminPassword;
        String publicKey;
        try (LocalStack stack = new LocalStack(layout, Map.of(), System.out)) {
            stack.start();

            assertAllReady(layout);
            assertThat(settings(stack)).as("durable by default").containsExactly("on", "on", "on");
            for (ServiceSpec service : ServiceSpec.ALL) {
                assertThat(ListeningSockets.addresses(layout.port(service))).as(service.name()).containsExactly("127.0.0.1");
            }
            assertThat(databases(stack)).containsAll(ServiceSpec.ALL.stream().map(ServiceSpec::database).toList());
            assertThat(partitionsByTopic(stack)).containsAllEntriesOf(Map.of(
                    "lifeline.campaigns.v1", 3, "lifeline.campaigns.v1.dlq", 3,
                    "lifeline.donations.v1", 3, "lifeline.donations.v1.dlq", 3));
            execute(stack, "CREATE TABLE launcher_probe (note text)", "INSERT INTO launcher_probe VALUES ('first run')");
            produceProbe(stack, "first run");

            firstRunProcesses = Stream.concat(Stream.of(LocalStack.POSTGRES, LocalStack.KAFKA),
                    ServiceSpec.ALL.stream().map(ServiceSpec::name)).map(name -> stack.process(name).orElseThrow()).toList();
            assertThat(firstRunProcesses).as("each its own process, none of them this JVM")
                    .noneMatch(process -> process.pid() == ProcessHandle.current().pid())
                    .extracting(ProcessHandle::pid).doesNotHaveDuplicates();
            assertThat(home.resolve("lifeline.pid")).exists();
            adminPassword = Files.readString(home.resolve("admin-password"));
            publicKey = Files.readString(home.resolve("keys/jwt-public.pem"));
        }
        assertThat(firstRunProcesses).hasSize(6);
        // The postmaster is not this JVM's child: once ended, it may be a zombie for a moment until it is reaped.
        await().atMost(Duration.ofSeconds(30)).until(() -> firstRunProcesses.stream().noneMatch(Processes::isRunning));
        assertThat(home.resolve("lifeline.pid")).doesNotExist();

        // The switches: a throwaway PostgreSQL, and a gateway on another address (0.0.0.0 would serve other machines;
        // a test stays on loopback). The services stay on 127.0.0.1.
        try (LocalStack stack = new LocalStack(layout,
                Map.of("LIFELINE_PG_DURABLE", "false", "LIFELINE_GATEWAY_HOST", "127.0.0.2"), System.out)) {
            stack.start();

            assertReady(URI.create("http://127.0.0.2:" + layout.port(ServiceSpec.GATEWAY) + "/q/health/ready"));
            for (ServiceSpec service : List.of(ServiceSpec.CAMPAIGNS, ServiceSpec.DONATIONS, ServiceSpec.RELIEF_FEED)) {
                assertReady(layout.readinessUrl(service));
            }
            assertThat(settings(stack)).as("LIFELINE_PG_DURABLE=false").containsExactly("off", "off", "off");
            assertThat(ListeningSockets.addresses(layout.port(ServiceSpec.GATEWAY))).containsExactly("127.0.0.2");
            for (ServiceSpec service : List.of(ServiceSpec.CAMPAIGNS, ServiceSpec.DONATIONS, ServiceSpec.RELIEF_FEED)) {
                assertThat(ListeningSockets.addresses(layout.port(service))).as(service.name()).containsExactly("127.0.0.1");
            }
            assertThat(queryNotes(stack)).containsExactly("first run");
            assertThat(consumeProbe(stack)).containsExactly("first run");
            assertThat(Files.readString(home.resolve("admin-password"))).isEqualTo(adminPassword);
            assertThat(Files.readString(home.resolve("keys/jwt-public.pem"))).isEqualTo(publicKey);
        }
    }

    private void assertAllReady(StackLayout layout) throws Exception {
        for (ServiceSpec service : ServiceSpec.ALL) {
            assertReady(layout.readinessUrl(service));
        }
    }

    private void assertReady(URI readinessUrl) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(readinessUrl).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(readinessUrl + ": " + response.body()).isEqualTo(200);
    }

    private static List<String> settings(LocalStack stack) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
            values.addAll(strings(stack, "SHOW " + setting));
        }
        return values;
    }

    private static List<String> databases(LocalStack stack) throws SQLException {
        return strings(stack, "SELECT datname FROM pg_database");
    }

    private static List<String> queryNotes(LocalStack stack) throws SQLException {
        return strings(stack, "SELECT note FROM launcher_probe");
    }

    private static List<String> strings(LocalStack stack, String query) throws SQLException {
        try (Connection connection = connect(stack); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void execute(LocalStack stack, String... statements) throws SQLException {
        try (Connection connection = connect(stack); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Connection connect(LocalStack stack) throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl("postgres"), stack.postgres().username(),
                stack.postgres().password());
    }

    private static Map<String, Integer> partitionsByTopic(LocalStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(LocalStack.TOPICS).allTopicNames().get(30, TimeUnit.SECONDS);
            return topics.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, entry -> entry.getValue().partitions().size()));
        }
    }

    private static void produceProbe(LocalStack stack, String value) throws Exception {
        KafkaBroker.createTopics(stack.kafkaBootstrapServers(), 1, PROBE_TOPIC);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(PROBE_TOPIC, "probe", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeProbe(LocalStack stack) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(PROBE_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
        }
        return values;
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

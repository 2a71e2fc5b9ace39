package org.lifeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Starts the whole local stack from the built apps, stops it, starts it again and checks the data is still there;
 * checks on the way that the services listen on loopback only, that PostgreSQL is durable unless switched off, and
 * that the demo data ({@code --demo}) seeds a full campaign that a second seeding leaves as it is.
 */
class LocalStackTest {

    private static final Path REPO_ROOT = Path.of(System.getProperty("lifeline.repo.root", "../..")).toAbsolutePath().normalize();
    private static final String PROBE_TOPIC = "launcher.probe";

    @Test
    void startsTheFourServicesAndASecondStartKeepsTheData() throws Exception {
        Path home = Path.of("target", "local-stack-test").toAbsolutePath();
        StackProbes.deleteRecursively(home);
        StackLayout layout = StackLayout.onFreePorts(REPO_ROOT, home, Duration.ofSeconds(240));

        List<ProcessHandle> firstRunProcesses;
        String adminPassword;
        String publicKey;
        DemoData.Outcome demo;
        String demoSnapshot;
        try (LocalStack stack = new LocalStack(layout, Map.of(), System.out)) {
            stack.start();

            assertAllReady(layout);
            assertThat(settings(stack)).as("durable by default").containsExactly("on", "on", "on");
            for (ServiceSpec service : ServiceSpec.ALL) {
                assertThat(ListeningSockets.addresses(layout.port(service))).as(service.name()).containsExactly("127.0.0.1");
            }
            assertThat(StackProbes.strings(url(stack), "SELECT datname FROM pg_database")).containsAll(ServiceSpec.ALL.stream().map(ServiceSpec::database).toList());
            assertThat(StackProbes.partitionsByTopic(stack.kafkaBootstrapServers())).containsAllEntriesOf(Map.of(
                    "lifeline.campaigns.v1", 3, "lifeline.campaigns.v1.dlq", 3,
                    "lifeline.donations.v1", 3, "lifeline.donations.v1.dlq", 3));
            // --demo: a newcomer's first page is full (seeded once here; the second start seeds again below).
            DemoData.Outcome seeded = new DemoData(stack.gatewayUrl(), stack.admin(), System.out::println).seed();
            assertThat(seeded.created()).as("a first seeding makes everything").isPositive();
            new DemoDataChecks(stack.gatewayUrl()).assertSeeded(seeded);
            demo = seeded;
            demoSnapshot = new DemoDataChecks(stack.gatewayUrl()).snapshot(seeded);
            StackProbes.execute(url(stack), "CREATE TABLE launcher_probe (note text)", "INSERT INTO launcher_probe VALUES ('first run')");
            StackProbes.produce(stack.kafkaBootstrapServers(), PROBE_TOPIC, "first run");

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

            StackProbes.assertReady(URI.create("http://127.0.0.2:" + layout.port(ServiceSpec.GATEWAY) + "/q/health/ready"));
            for (ServiceSpec service : List.of(ServiceSpec.CAMPAIGNS, ServiceSpec.DONATIONS, ServiceSpec.RELIEF_FEED)) {
                StackProbes.assertReady(layout.readinessUrl(service));
            }
            assertThat(settings(stack)).as("LIFELINE_PG_DURABLE=false").containsExactly("off", "off", "off");
            assertThat(ListeningSockets.addresses(layout.port(ServiceSpec.GATEWAY))).containsExactly("127.0.0.2");
            for (ServiceSpec service : List.of(ServiceSpec.CAMPAIGNS, ServiceSpec.DONATIONS, ServiceSpec.RELIEF_FEED)) {
                assertThat(ListeningSockets.addresses(layout.port(service))).as(service.name()).containsExactly("127.0.0.1");
            }
            assertThat(StackProbes.strings(url(stack), "SELECT note FROM launcher_probe")).containsExactly("first run");
            assertThat(StackProbes.consume(stack.kafkaBootstrapServers(), PROBE_TOPIC)).containsExactly("first run");
            assertThat(Files.readString(home.resolve("admin-password"))).isEqualTo(adminPassword);
            assertThat(Files.readString(home.resolve("keys/jwt-public.pem"))).isEqualTo(publicKey);

            // Seeding again, after a restart and on another gateway address, finds everything made and adds nothing.
            assertThat(stack.gatewayUrl()).hasHost("127.0.0.2");
            DemoData.Outcome again = new DemoData(stack.gatewayUrl(), stack.admin(), System.out::println).seed();
            assertThat(again.created()).as("writes that made something new").isZero();
            assertThat(again.alreadyThere()).isEqualTo(demo.created());
            assertThat(again.campaignId()).isEqualTo(demo.campaignId());
            assertThat(new DemoDataChecks(stack.gatewayUrl()).snapshot(again)).isEqualTo(demoSnapshot);
        }
    }

    private static void assertAllReady(StackLayout layout) throws Exception {
        for (ServiceSpec service : ServiceSpec.ALL) {
            StackProbes.assertReady(layout.readinessUrl(service));
        }
    }

    private static List<String> settings(LocalStack stack) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
            values.addAll(StackProbes.strings(url(stack), "SHOW " + setting));
        }
        return values;
    }

    private static String url(LocalStack stack) {
        return stack.postgres().jdbcUrl("postgres");
    }
}

package org.lifeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lifeline.infra.KafkaBroker;

/**
 * The stack comes back: a launcher killed outright leaves its children running, and the next start stops them
 * and runs on the same data; then a service, the Kafka broker and the PostgreSQL postmaster are each killed with
 * SIGKILL and come back with their data; Kafka and PostgreSQL stopped on purpose stay down until started. One
 * launcher in its own JVM and one in this one: two stack starts for all of it.
 */
class LocalStackRecoveryTest {

    private static final Path REPO_ROOT = Path.of(System.getProperty("lifeline.repo.root", "../..")).toAbsolutePath().normalize();
    private static final String PROBE_TOPIC = "launcher.recovery.probe";
    private static final String NOTE = "pledged before the launcher was killed";
    private static final Duration BACK = Duration.ofSeconds(240);

    @Test
    void theStackComesBackFromAKilledLauncherAndFromCrashesOfItsProcesses() throws Exception {
        Path home = Path.of("target", "local-stack-recovery").toAbsolutePath();
        StackProbes.deleteRecursively(home);
        StackLayout layout = StackLayout.onFreePorts(REPO_ROOT, home, Duration.ofSeconds(240));
        String postgresUrl = "jdbc:postgresql://localhost:" + layout.postgresPort() + "/postgres";
        String kafka = "127.0.0.1:" + layout.kafkaPort();

        // A launcher as deploy/local.sh runs it, in its own JVM, killed with SIGKILL once it is ready.
        List<PidFile.Entry> leftovers;
        Process launcher = startLauncherJvm(layout, home.resolveSibling("local-stack-recovery-launcher.out"));
        try {
            await().atMost(Duration.ofSeconds(400)).pollInterval(Duration.ofSeconds(1))
                    .failFast("the launcher in its own JVM ended", () -> !launcher.isAlive())
                    .until(() -> PidFile.read(home.resolve("lifeline.pid")).size() == 7 && allReady(layout));
            StackProbes.execute(postgresUrl, "CREATE TABLE pledges_probe (note text)", "INSERT INTO pledges_probe VALUES ('" + NOTE + "')");
            StackProbes.produce(kafka, PROBE_TOPIC, NOTE);
            leftovers = PidFile.read(home.resolve("lifeline.pid")).stream()
                    .filter(entry -> !entry.name().equals(PidFile.LAUNCHER)).toList();
        } finally {
            launcher.destroyForcibly();
            launcher.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(leftovers).extracting(PidFile.Entry::name).containsExactly(LocalStack.POSTGRES, LocalStack.KAFKA,
                "gateway", "campaigns-service", "donations-service", "relief-feed-service");
        assertThat(leftovers).as("left running by the killed launcher").allMatch(entry -> entry.running().isPresent());

        Console console = new Console();
        try (LocalStack stack = new LocalStack(layout, Map.of(), console.stream())) {
            stack.start();

            assertThat(console.text()).contains("Found processes an earlier launcher left running");
            leftovers.forEach(leftover -> assertThat(console.text()).contains(leftover.toString()));
            assertThat(leftovers).noneMatch(entry -> entry.running().isPresent());
            assertThat(notes(postgresUrl)).containsExactly(NOTE);

            // A service killed
            long donations = stack.process("donations-service").orElseThrow().pid();
            stack.kill(ServiceSpec.DONATIONS);
            await().atMost(BACK).until(() -> console.text().contains("donations-service is ready again"));
            assertThat(console.text())
                    .contains("donations-service stopped unexpectedly (exit 137); restarting in 1 s (attempt 1)");
            assertThat(stack.process("donations-service").orElseThrow().pid()).isNotEqualTo(donations);
            StackProbes.assertReady(layout.readinessUrl(ServiceSpec.DONATIONS));

            // The broker killed: back on the same data, the topics and records still there
            stack.process(LocalStack.KAFKA).orElseThrow().destroyForcibly();
            await().atMost(BACK).until(() -> console.text().contains("Kafka is ready again"));
            assertThat(console.text()).contains("Kafka stopped unexpectedly (exit 137); restarting in 1 s (attempt 1)");
            assertThat(StackProbes.partitionsByTopic(kafka)).containsAllEntriesOf(LocalStack.TOPICS.stream()
                    .collect(Collectors.toMap(topic -> topic, topic -> LocalStack.PARTITIONS)));
            assertThat(StackProbes.consume(kafka, PROBE_TOPIC)).containsExactly(NOTE);

            // The postmaster killed: back on the same data, and the services find it again
            long postmaster = stack.postgres().postmasterPid();
            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
            await().atMost(BACK).until(() -> console.text().contains("PostgreSQL is ready again"));
            assertThat(console.text()).contains("PostgreSQL stopped unexpectedly (its postmaster, pid " + postmaster
                    + ", ended); restarting in 1 s (attempt 1)");
            assertThat(notes(postgresUrl)).containsExactly(NOTE);
            await().atMost(BACK).pollInterval(Duration.ofSeconds(1)).until(() -> allReady(layout));

            // Stopped on purpose: no restart until started
            int crashesSoFar = occurrences(console.text(), "stopped unexpectedly");
            stack.stopKafka();
            assertThat(KafkaBroker.answers(kafka)).isFalse();
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                    .until(() -> stack.process(LocalStack.KAFKA).isEmpty() && !KafkaBroker.answers(kafka));
            stack.startKafka();
            assertThat(KafkaBroker.answers(kafka)).isTrue();
            assertThat(StackProbes.consume(kafka, PROBE_TOPIC)).containsExactly(NOTE);

            stack.stopPostgres();
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                    .until(() -> stack.process(LocalStack.POSTGRES).isEmpty());
            stack.startPostgres();
            assertThat(notes(postgresUrl)).containsExactly(NOTE);
            assertThat(occurrences(console.text(), "stopped unexpectedly")).isEqualTo(crashesSoFar);
            await().atMost(BACK).pollInterval(Duration.ofSeconds(1)).until(() -> allReady(layout));
        }
        assertThat(home.resolve("lifeline.pid")).doesNotExist();
        assertThat(console.text()).doesNotContain("not restarted again");
    }

    /** {@code java -cp <this class path> org.lifeline.launcher.LocalStack} from the repository root, as deploy/local.sh. */
    private static Process startLauncherJvm(StackLayout layout, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LocalStack.class.getName())
                .directory(REPO_ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(Map.of(
                "LIFELINE_HOME", layout.home().toString(),
                "LIFELINE_PORT", Integer.toString(layout.basePort()),
                "LIFELINE_PG_PORT", Integer.toString(layout.postgresPort()),
                "LIFELINE_KAFKA_PORT", Integer.toString(layout.kafkaPort()),
                "LIFELINE_START_TIMEOUT", "300"));
        return builder.start();
    }

    private static boolean allReady(StackLayout layout) {
        return ServiceSpec.ALL.stream().allMatch(service -> ReadinessWaiter.isReady(layout.readinessUrl(service)));
    }

    private static List<String> notes(String url) throws SQLException {
        return StackProbes.strings(url, "SELECT note FROM pledges_probe");
    }

    private static int occurrences(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** What the launcher prints, kept for assertions and echoed to this JVM's console. */
    private static final class Console {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final PrintStream stream = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (kept) {
                    kept.write(b);
                }
                System.out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (kept) {
                    kept.write(bytes, offset, length);
                }
                System.out.write(bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8);

        PrintStream stream() {
            return stream;
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}

package org.lifeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart rules on real, short-lived processes (sh, sleep) with pauses of milliseconds instead of seconds. */
class SupervisorTest {

    private static final RestartPolicy QUICK = new RestartPolicy(
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(30), 3, Duration.ofMinutes(1));
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final AtomicInteger starts = new AtomicInteger();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void the_pause_doubles_from_the_first_delay_up_to_the_cap() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 20).stream().map(RestartPolicy.DEFAULT::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void a_process_that_keeps_crashing_is_restarted_with_growing_pauses_then_given_up_on() throws Exception {
        Supervisor supervisor = supervisor("relief-feed-service", "echo 'cannot open the feed database'; exit 3", QUICK);

        supervisor.start();
        supervisor.restartCrashes();

        await().atMost(Duration.ofSeconds(30)).until(supervisor::gaveUp);
        assertThat(console).containsSubsequence(
                "relief-feed-service stopped unexpectedly (exit 3); restarting in 0.05 s (attempt 1)",
                "relief-feed-service stopped unexpectedly (exit 3); restarting in 0.10 s (attempt 2)",
                "relief-feed-service stopped unexpectedly (exit 3); restarting in 0.20 s (attempt 3)");
        assertThat(console.getLast())
                .startsWith("relief-feed-service stopped unexpectedly (exit 3): 4 crashes within 1 min, so it is not "
                        + "restarted again. Find the cause in " + dir.resolve("relief-feed-service.log"))
                .endsWith("cannot open the feed database");
        int startsWhenGivenUp = starts.get();
        assertThat(startsWhenGivenUp).isEqualTo(4);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> starts.get() == startsWhenGivenUp);
    }

    @Test
    void a_killed_process_comes_back_and_is_reported_ready_again() throws Exception {
        Supervisor supervisor = supervisor("donations-service", "exec sleep 60", QUICK);
        supervisor.start();
        supervisor.restartCrashes();
        ProcessHandle first = supervisor.running().process();

        first.destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> console.contains("donations-service is ready again"));
        assertThat(console).startsWith("donations-service stopped unexpectedly (exit 137); restarting in 0.05 s (attempt 1)");
        assertThat(supervisor.isRunning()).isTrue();
        assertThat(supervisor.running().process().pid()).isNotEqualTo(first.pid());
        assertThat(PidFile.read(dir.resolve("lifeline.pid")))
                .contains(new PidFile.Entry("donations-service", supervisor.running().process().pid(),
                        supervisor.running().process().info().startInstant().orElseThrow().toEpochMilli()));
        supervisor.stop();
    }

    @Test
    void a_process_stopped_on_purpose_stays_stopped_until_started() throws Exception {
        Supervisor supervisor = supervisor("Kafka", "exec sleep 60", QUICK);
        supervisor.start();
        supervisor.restartCrashes();
        ProcessHandle first = supervisor.running().process();

        supervisor.stop();

        assertThat(first.isAlive()).isFalse();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> starts.get() == 1);
        assertThat(console).isEmpty();
        assertThat(supervisor.isRunning()).isFalse();

        supervisor.start();
        assertThat(supervisor.isRunning()).isTrue();
        assertThat(starts.get()).isEqualTo(2);
        supervisor.stop();
    }

    @Test
    void a_restart_that_fails_counts_as_a_crash() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Supervisor supervisor = new Supervisor("PostgreSQL", previous -> {
            if (attempts.incrementAndGet() == 2) {
                throw new IllegalStateException("lock file \"postmaster.pid\" already exists");
            }
            return ChildProcess.start("PostgreSQL", List.of("sh", "-c", "exec sleep 60"), Map.of(),
                    dir.resolve("postgresql.log"), STOP_GRACE);
        }, () -> true, dir.resolve("postgresql.log"), QUICK, console::add, scheduler, new PidFile(dir.resolve("lifeline.pid")));
        supervisor.start();
        supervisor.restartCrashes();

        supervisor.running().process().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> console.contains("PostgreSQL is ready again"));
        assertThat(console).containsExactly(
                "PostgreSQL stopped unexpectedly (exit 137); restarting in 0.05 s (attempt 1)",
                "PostgreSQL could not be restarted (lock file \"postmaster.pid\" already exists); restarting in 0.10 s (attempt 2)",
                "PostgreSQL is ready again");
        supervisor.stop();
    }

    @Test
    void ending_while_the_launcher_closes_is_no_crash() throws Exception {
        Supervisor supervisor = supervisor("gateway", "exec sleep 60", QUICK);
        supervisor.start();
        supervisor.restartCrashes();

        supervisor.stopWatching();
        supervisor.running().process().destroyForcibly();

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> starts.get() == 1);
        assertThat(console).isEmpty();
    }

    private Supervisor supervisor(String name, String script, RestartPolicy policy) throws Exception {
        Path log = dir.resolve(name + ".log");
        Files.createDirectories(dir);
        return new Supervisor(name, previous -> {
            starts.incrementAndGet();
            return ChildProcess.start(name, List.of("sh", "-c", script), Map.of(), log, STOP_GRACE);
        }, () -> true, log, policy, console::add, scheduler, new PidFile(dir.resolve("lifeline.pid")));
    }
}

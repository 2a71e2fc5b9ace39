package org.lifeline.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process the launcher runs (a service's or Kafka's JVM) whose stdout and stderr are appended to its log file. */
final class ChildProcess implements Supervisor.Child {

    private static final int TAIL_BYTES = 16 * 1024;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final Duration stopGrace;

    private ChildProcess(Process process, Duration stopGrace) {
        this.process = process;
        this.stopGrace = stopGrace;
    }

    /**
     * Starts {@code command} with the launcher's environment plus {@code env}; {@link #stop()} gives it
     * {@code stopGrace} to end after SIGTERM before killing it.
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logFile,
            Duration stopGrace) throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, "%n===== %s: starting %s =====%n".formatted(LocalDateTime.now(), name),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        return new ChildProcess(builder.start(), stopGrace);
    }

    @Override
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String exitDescription() {
        return process.isAlive() ? "still running" : "exit " + process.exitValue();
    }

    /** SIGTERM (Quarkus and Kafka shut down gracefully on it), then SIGKILL after the grace period. */
    @Override
    public boolean stop() throws InterruptedException {
        process.destroy();
        if (process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }

    @Override
    public Duration stopGrace() {
        return stopGrace;
    }

    /** The exit code, or -1 while the process runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The last {@code lines} lines of a log file. */
    static List<String> tail(Path file, int lines) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read until the buffer is full
            }
            List<String> all = Arrays.asList(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                    .split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}

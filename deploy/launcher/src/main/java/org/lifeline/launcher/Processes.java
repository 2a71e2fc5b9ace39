package org.lifeline.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a process that is not the launcher's own child still runs. One that ended stays visible, as a zombie,
 * until its parent (often the init process, once the launcher that started it is gone) reaps it; the JDK counts
 * it alive until then, and so would a wait for it.
 */
final class Processes {

    private static final Duration POLL = Duration.ofMillis(100);

    private Processes() {
    }

    /** Alive and not a zombie (Linux shows one as state Z in /proc; elsewhere this is the JDK's answer). */
    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** Waits up to {@code timeout} for the process to end; answers whether it did. */
    static boolean awaitEnd(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

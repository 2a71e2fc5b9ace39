package org.lifeline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's list, in the data folder, of the processes it runs (itself first), rewritten whenever one starts,
 * so that the start after a killed launcher finds and stops what that one left running. A process counts as the
 * recorded one only while both its pid and its start time match, so a reused pid is never taken for it.
 */
final class PidFile {

    /** A recorded process: its role (launcher, postgresql, kafka or a service's name), pid and start time. */
    record Entry(String name, long pid, long startMillis) {

        /** The process, while the recorded one still runs. */
        Optional<ProcessHandle> running() {
            return ProcessHandle.of(pid)
                    .filter(Processes::isRunning)
                    .filter(process -> startMillis > 0 && PidFile.startMillis(process) == startMillis);
        }

        @Override
        public String toString() {
            return name + " (pid " + pid + ")";
        }
    }

    static final String LAUNCHER = "launcher";

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** A file for this launcher (recorded at once): it replaces what an earlier launcher left. */
    PidFile(Path file) {
        this.file = file;
        record(LAUNCHER, ProcessHandle.current());
    }

    /** Records (or replaces) the process running as {@code name}. */
    synchronized void record(String name, ProcessHandle process) {
        entries.put(name, new Entry(name, process.pid(), startMillis(process)));
        StringBuilder text = new StringBuilder("# The processes of the Lifeline launcher using this data folder: "
                + "role, pid, start time (ms since 1970)\n");
        entries.values().forEach(entry -> text.append(entry.name()).append(' ').append(entry.pid()).append(' ')
                .append(entry.startMillis()).append('\n'));
        try {
            Path written = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(written, text);
            try {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Removes the file, once everything it lists has stopped. */
    synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    /** What an earlier launcher recorded in {@code file}, in the order it started them (an empty list when none). */
    static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        List<Entry> recorded = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 3 && !fields[0].startsWith("#")) {
                try {
                    recorded.add(new Entry(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2])));
                } catch (NumberFormatException e) {
                    // not a line this launcher wrote: skipped
                }
            }
        }
        return recorded;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }
}

package org.lifeline.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Percentiles, and how busy the machine is. */
final class Stats {

    private Stats() {
    }

    /** The given percentile (nearest rank) of sorted nanosecond values, in milliseconds; NaN when empty. */
    static double percentileMillis(long[] sortedNanos, double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg shows them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU time in clock ticks: of the whole machine (all of it, and busy), of this JVM, and of the processes
     * of the PostgreSQL cluster's OS user. A sample, or the difference of two. Linux only; zeros elsewhere.
     */
    record Cpu(long total, long busy, long jvm, long postgres) {

        /** Clock ticks per second (USER_HZ, 100 on Linux). */
        private static final double HZ = 100;

        static Cpu sample(int postgresUid) {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                long total = 0;
                for (int i = 1; i < cpu.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                    long ticks = Long.parseLong(cpu[i]);
                    total += ticks;
                    if (i != 4 && i != 5) {
                        busy += ticks;
                    }
                }
                long postgres = 0;
                try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                    for (Path process : processes) {
                        try {
                            if ((Integer) Files.getAttribute(process, "unix:uid") == postgresUid) {
                                postgres += processTicks(process);
                            }
                        } catch (IOException | RuntimeException gone) {
                            // the process ended meanwhile
                        }
                    }
                }
                return new Cpu(total, busy, processTicks(Path.of("/proc/self")), postgres);
            } catch (IOException | RuntimeException e) {
                return new Cpu(0, 0, 0, 0);
            }
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(total - earlier.total, busy - earlier.busy, jvm - earlier.jvm, postgres - earlier.postgres);
        }

        /** Of a difference: the share of all CPUs that other processes (other builds, services) used, in %. */
        String others() {
            return total <= 0 ? "?" : Math.round(100.0 * Math.max(0, busy - jvm - postgres) / total) + "%";
        }

        /** Of a difference: CPU microseconds of this JVM per operation. */
        double jvmMicrosPer(long operations) {
            return operations == 0 ? Double.NaN : jvm / HZ * 1e6 / operations;
        }

        /** Of a difference: CPU microseconds of PostgreSQL per operation. */
        double postgresMicrosPer(long operations) {
            return operations == 0 ? Double.NaN : postgres / HZ * 1e6 / operations;
        }

        private static long processTicks(Path process) throws IOException {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        }
    }
}

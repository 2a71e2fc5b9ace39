package org.lifeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Percentiles and machine load. */
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
        } catch (Exception e) {
            return "unknown";
        }
    }
}

package org.lifeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs concurrent writers, each a platform thread that blocks on one transaction at a time: a warm-up,
 * then a measured window. A transaction counts when it completes inside the window.
 */
final class Writers {

    /** One transaction of a writer; answers how many events it wrote. */
    @FunctionalInterface
    interface Transaction {
        int run() throws Exception;
    }

    /** Prepares writer i (on its own thread, before the clock starts) and answers its transaction. */
    @FunctionalInterface
    interface Setup {
        Transaction create(int writer) throws Exception;
    }

    /** What a phase measured: transactions and events completed in the window, and their latencies (ns). */
    record Result(String name, int writers, long transactions, long events, double seconds, long[] latencies,
                  long windowStart, long windowEnd, Stats.Cpu cpu) {

        double transactionsPerSecond() {
            return transactions / seconds;
        }

        double eventsPerSecond() {
            return events / seconds;
        }

        /** CPU microseconds per transaction: this JVM's, then PostgreSQL's. */
        String cpuPerTransaction() {
            return String.format(Locale.ROOT, "%.0f/%.0f", cpu.jvmMicrosPer(transactions),
                    cpu.postgresMicrosPer(transactions));
        }

        /** A percentile of the per-transaction latency, in milliseconds. */
        double latencyMillis(double percentile) {
            return Stats.percentileMillis(latencies, percentile);
        }
    }

    private Writers() {
    }

    /**
     * @param perWriterRate transactions per second of each writer, or 0 for as fast as it can
     * @param transactions  makes writer i's transaction (called on that writer's thread)
     * @param cpu           samples the CPU time, at the start and the end of the measured window
     */
    static Result run(String name, int writers, Duration warmup, Duration measure, double perWriterRate,
                      Setup transactions, Supplier<Stats.Cpu> cpu) {
        long[] times = new long[3]; // start, window start, window end: set once every writer is ready
        CyclicBarrier ready = new CyclicBarrier(writers + 1, () -> {
            times[0] = System.nanoTime();
            times[1] = times[0] + warmup.toNanos();
            times[2] = times[1] + measure.toNanos();
        });
        List<long[]> latencies = new ArrayList<>();
        long[] eventCounts = new long[writers];
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().name(name + "-writer-" + w).start(() -> {
                try {
                    Transaction tx = transactions.create(writer);
                    LongList mine = new LongList();
                    ready.await();
                    long windowStart = times[1];
                    long windowEnd = times[2];
                    long period = perWriterRate > 0 ? (long) (1e9 / perWriterRate) : 0;
                    long next = times[0];
                    long events = 0;
                    while (true) {
                        if (period > 0) {
                            long now = System.nanoTime();
                            if (next > now) {
                                LockSupport.parkNanos(next - now);
                            } else if (now - next > period) {
                                next = now; // behind schedule: do not catch up with a burst
                            }
                            next += period;
                        }
                        long begin = System.nanoTime();
                        if (begin >= windowEnd) {
                            break;
                        }
                        int written = tx.run();
                        long end = System.nanoTime();
                        if (end >= windowStart && end < windowEnd) {
                            mine.add(end - begin);
                            events += written;
                        }
                    }
                    synchronized (latencies) {
                        latencies.add(mine.toArray());
                        eventCounts[writer] = events;
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    ready.reset();
                }
            }));
        }
        Stats.Cpu cpuStart;
        Stats.Cpu cpuEnd;
        try {
            ready.await();
            sleepUntil(times[1]);
            cpuStart = cpu.get();
            sleepUntil(times[2]);
            cpuEnd = cpu.get();
            for (Thread t : threads) {
                t.join();
            }
        } catch (Exception e) {
            throw new IllegalStateException(name + ": writers failed to start", failures.isEmpty() ? e : failures.get(0));
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(name + ": a writer failed", failures.get(0));
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long events = Arrays.stream(eventCounts).sum();
        return new Result(name, writers, all.length, events, measure.toNanos() / 1e9, all, times[1], times[2],
                cpuEnd.minus(cpuStart));
    }

    private static void sleepUntil(long nanoTime) {
        long now;
        while ((now = System.nanoTime()) < nanoTime) {
            LockSupport.parkNanos(nanoTime - now);
        }
    }

    /** A growable list of longs. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

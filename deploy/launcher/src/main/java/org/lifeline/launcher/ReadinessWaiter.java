package org.lifeline.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Polls readiness URLs until all answer 200, one of the services dies, or the time runs out. */
public final class ReadinessWaiter {

    /** A service to wait for: its name, its readiness URL and whether its process still runs. */
    public record Target(String name, URI readinessUrl, BooleanSupplier alive) {
    }

    /** Thrown when a service died before it was ready, or some were not ready in time. */
    public static final class NotReadyException extends Exception {
        private final List<String> services;

        NotReadyException(String message, List<String> services) {
            super(message);
            this.services = List.copyOf(services);
        }

        /** The services that died or were not ready. */
        public List<String> services() {
            return services;
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();
    private final Duration pollInterval;
    private final Consumer<String> progress;

    public ReadinessWaiter(Duration pollInterval, Consumer<String> progress) {
        this.pollInterval = pollInterval;
        this.progress = progress;
    }

    /** Returns once every target answered 200; reports each ready target, and every 10 s those still pending. */
    public void awaitAll(List<Target> targets, Duration timeout) throws NotReadyException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + REPORT_EVERY.toNanos();
        List<Target> pending = new ArrayList<>(targets);
        while (true) {
            for (Target target : List.copyOf(pending)) {
                if (isReady(target)) {
                    pending.remove(target);
                    progress.accept("%s is ready (%s)".formatted(target.name(), seconds(System.nanoTime() - start)));
                } else if (!target.alive().getAsBoolean()) {
                    throw new NotReadyException(target.name() + " stopped before it was ready", List.of(target.name()));
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                List<String> names = pending.stream().map(Target::name).toList();
                throw new NotReadyException("not ready within %s: %s".formatted(seconds(timeout.toNanos()),
                        String.join(", ", names)), names);
            }
            if (now - nextReport >= 0) {
                progress.accept("waiting for %s (%s)".formatted(
                        String.join(", ", pending.stream().map(Target::name).toList()), seconds(now - start)));
                nextReport += REPORT_EVERY.toNanos();
            }
            Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), (deadline - now) / 1_000_000)));
        }
    }

    /** Whether the readiness URL answers 200 now. */
    static boolean isReady(URI readinessUrl) {
        HttpRequest request = HttpRequest.newBuilder(readinessUrl).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isReady(Target target) throws InterruptedException {
        boolean ready = isReady(target.readinessUrl());
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return ready;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}

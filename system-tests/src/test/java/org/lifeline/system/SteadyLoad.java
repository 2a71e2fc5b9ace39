package org.lifeline.system;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A bounded, steady load of pledges (both policies) and donations through the gateway, one thread per donor,
 * each sending like a careful real client: every command carries its own {@code Idempotency-Key} and is sent
 * again with the same key after a 503 (waiting its {@code Retry-After}), a 502/504, a lost connection or a client
 * timeout, until it is acknowledged (2xx) or its own deadline passes. Every acknowledged command is recorded
 * with the id the API answered, so that a test can look for each exactly once afterwards.
 */
final class SteadyLoad {

    /** One command as sent: {@code pledge} or {@code donation}, its key, and the id once acknowledged. */
    record Command(String kind, String key, String id) {
    }

    /** What the clients saw: counts by outcome and the longest a single request took. */
    record Figures(int sent, int acknowledged, int pledges, int donations, int gaveUp, int retries,
            int unavailable, int unavailableWithoutRetryAfter, int timeouts, int brokenExchanges, int serverErrors,
            int refused, Duration longestRequest, Map<String, Integer> attempts) {

        @Override
        public String toString() {
            return ("%d commands sent, %d acknowledged (%d pledges, %d donations), %d gave up; %d retries;"
                    + " %d answers 503 (%d 503s and 429s without Retry-After), %d client timeouts, %d exchanges broken without an"
                    + " answer, %d other 5xx, %d refused; longest request %d ms; attempts by outcome %s").formatted(
                    sent, acknowledged, pledges, donations, gaveUp, retries, unavailable,
                    unavailableWithoutRetryAfter, timeouts, brokenExchanges, serverErrors, refused,
                    longestRequest.toMillis(), attempts);
        }
    }

    private static final Duration PACE = Duration.ofMillis(300);
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(10);

    private final List<Api> clients;
    private final List<Api.Account> donors;
    private final List<String> needIds;
    private final String campaignId;
    private final int maxCommandsPerDonor;
    private final Duration commandDeadline;
    private final Queue<Command> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
    private final AtomicInteger timeouts = new AtomicInteger();
    private final AtomicInteger brokenExchanges = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicLong longestNanos = new AtomicLong();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean abandoned;

    /**
     * {@code clients.get(i)} sends for {@code donors.get(i)}; pledges go to {@code needIds} (large enough never to
     * fill), donations to {@code campaignId}. At most {@code maxCommandsPerDonor} commands per donor, each
     * retried for at most {@code commandDeadline}.
     */
    SteadyLoad(List<Api> clients, List<Api.Account> donors, List<String> needIds, String campaignId,
            int maxCommandsPerDonor, Duration commandDeadline) {
        this.clients = List.copyOf(clients);
        this.donors = List.copyOf(donors);
        this.needIds = List.copyOf(needIds);
        this.campaignId = campaignId;
        this.maxCommandsPerDonor = maxCommandsPerDonor;
        this.commandDeadline = commandDeadline;
    }

    SteadyLoad start() {
        for (int i = 0; i < donors.size(); i++) {
            int donor = i;
            threads.add(Thread.ofPlatform().name("steady-load-" + i).daemon().start(() -> run(donor)));
        }
        return this;
    }

    /** Stops sending new commands and waits for those under way (each bounded by its deadline). */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(commandDeadline.plus(Duration.ofSeconds(30)));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not finish its last command in time");
            }
        }
    }

    /** After a failed test: stops at once, commands under way are given up at their next retry. */
    void abandon() throws InterruptedException {
        abandoned = true;
        stop();
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Attempts that got no acknowledgement: 5xx, 429, client timeouts, lost connections. */
    int failedAttempts() {
        return failedAttempts.get();
    }

    List<Command> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Every key sent, acknowledged or not, with the kind of its command. */
    Map<String, String> keysSent() {
        return Map.copyOf(keys);
    }

    /** The answers that refused a command outright (none are expected). */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    Figures figures() {
        List<Command> done = acknowledged();
        int pledges = (int) done.stream().filter(command -> command.kind().equals("pledge")).count();
        return new Figures(sent.get(), done.size(), pledges, done.size() - pledges, gaveUp.get(), retries.get(),
                unavailable.get(), unavailableWithoutRetryAfter.get(), timeouts.get(), brokenExchanges.get(),
                serverErrors.get(),
                refusals.size(), Duration.ofNanos(longestNanos.get()), new TreeMap<>(outcomes.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get()))));
    }

    private void run(int donor) {
        Api api = clients.get(donor);
        Api.Account account = donors.get(donor);
        for (int n = 0; n < maxCommandsPerDonor && !stopping; n++) {
            long began = System.nanoTime();
            send(api, account, n);
            // Pacing keeps the load steady instead of as fast as the machine allows.
            pause(PACE.minusNanos(System.nanoTime() - began));
        }
    }

    /** One command, sent until acknowledged, refused or past its deadline; every attempt with the same key. */
    private void send(Api api, Api.Account donor, int n) {
        String kind = n % 3 == 2 ? "donation" : "pledge";
        String key = UUID.randomUUID().toString();
        keys.put(key, kind);
        sent.incrementAndGet();
        String path = kind.equals("pledge") ? "/api/v1/pledges" : "/api/v1/donations";
        Object body = kind.equals("pledge")
                ? Api.object().put("needId", needIds.get(n % needIds.size())).put("quantity", 1 + n % 3)
                        .put("policy", n % 3 == 0 ? "ALL_OR_NOTHING" : "PARTIAL")
                : Api.object().put("campaignId", campaignId).set("amount",
                        Api.object().put("amount", 100 + n % 900).put("currency", "CNY"));
        long deadline = System.nanoTime() + commandDeadline.toNanos();
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                retries.incrementAndGet();
            }
            Duration wait = Duration.ofMillis(500);
            long began = System.nanoTime();
            try {
                Api.Answer answer = api.send("POST", path, donor.credential(), body, Map.of("Idempotency-Key", key));
                longestNanos.accumulateAndGet(System.nanoTime() - began, Math::max);
                int status = answer.status();
                outcome(Integer.toString(status));
                if (status == 200 || status == 201) {
                    acknowledged.add(new Command(kind, key, answer.json().get("id").asText()));
                    return;
                }
                if (status == 503 || status == 429) {
                    if (status == 503) {
                        unavailable.incrementAndGet();
                    }
                    String retryAfter = answer.header("Retry-After");
                    if (retryAfter == null) {
                        unavailableWithoutRetryAfter.incrementAndGet();
                    } else {
                        wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
                    }
                } else if (status >= 500) {
                    // 502/504: the service went away mid-request; anything else is a fault of its own.
                    if (status != 502 && status != 504) {
                        serverErrors.incrementAndGet();
                    }
                } else if (!(status == 409 && answer.body().contains("concurrent-change"))) {
                    refusals.add(kind + " " + key + ": " + answer);
                    return;
                }
            } catch (UncheckedIOException e) {
                longestNanos.accumulateAndGet(System.nanoTime() - began, Math::max);
                outcome(e.getCause().getClass().getSimpleName());
                if (e.getCause() instanceof HttpTimeoutException) {
                    timeouts.incrementAndGet();
                } else {
                    // The gateway itself stays up: it should always answer, if only with a 503.
                    brokenExchanges.incrementAndGet();
                }
            }
            failedAttempts.incrementAndGet();
            if (abandoned || System.nanoTime() - deadline >= 0) {
                gaveUp.incrementAndGet();
                return;
            }
            // A real client waits as told before sending the same command again.
            pause(wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait);
        }
    }

    private void outcome(String name) {
        outcomes.computeIfAbsent(name, ignored -> new AtomicInteger()).incrementAndGet();
    }

    private static void pause(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

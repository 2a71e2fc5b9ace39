package org.lifeline.donations.projection;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.lifeline.donations.infra.PledgesConfig;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Needs and campaigns arriving in this service's local views from {@code lifeline.campaigns.v1}.
 *
 * <p>A client that creates a need or campaign in campaigns-service and pledges (donates, opens a
 * match pool, accepts an offer) a few milliseconds later can be faster than the event. A command
 * for an id the view does not know yet therefore {@link #await waits} a bounded time
 * ({@code lifeline.donations.unknown-wait}) before it runs, and only then answers 404. It is woken
 * by the projections once the event committed ({@link #arrived}), and looks again on a growing
 * interval besides: with several instances the consumer group gives each event to one of them, so
 * the instance serving the request may not be the one that applied it.
 *
 * <p>The wait holds no database connection (each look is one short query) and no thread: pauses
 * are timers, and the command goes on on the request's own Vert.x context.
 */
@ApplicationScoped
public class Arrivals {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);
    private static final Duration MIN_TIMER = Duration.ofMillis(1);

    private final Duration wait;
    private final Duration firstPause;
    private final Duration longestPause;
    /** Who waits for which id; each waiter's future completes when that id arrives. */
    private final ConcurrentHashMap<UUID, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

    @Inject
    public Arrivals(PledgesConfig config) {
        this(config.unknownWait(), FIRST_PAUSE, LONGEST_PAUSE);
    }

    Arrivals(Duration wait, Duration firstPause, Duration longestPause) {
        this.wait = wait;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    /** The projection committed an event of this need or campaign: whoever waits for it looks again now. */
    public void arrived(UUID id) {
        Set<CompletableFuture<Void>> waiting = waiters.remove(id);
        if (waiting != null) {
            waiting.forEach(arrival -> arrival.complete(null));
        }
    }

    /**
     * Completes at once when {@code known} says the id is in the view, else once it is or the wait is
     * over, whichever comes first. It never fails for an id that stays unknown: the command that
     * follows finds it missing and answers as it always did.
     *
     * @param known looks the id up in the view, each time on a connection of its own
     */
    public Uni<Void> await(UUID id, Supplier<Uni<Boolean>> known) {
        return Uni.createFrom().deferred(() -> {
            Executor context = onCallersContext();
            return Uni.createFrom().deferred(known::get).flatMap(found -> {
                if (found || wait.isZero() || wait.isNegative()) {
                    return Uni.createFrom().voidItem();
                }
                long started = System.nanoTime();
                return look(id, known, started + wait.toNanos(), firstPause, context)
                        .invoke(arrived -> Log.debugf("%s %s after %d ms", id, arrived ? "arrived" : "is still unknown",
                                Duration.ofNanos(System.nanoTime() - started).toMillis()))
                        .replaceWithVoid();
            });
        });
    }

    /**
     * One look: listens for the id first, so that an arrival committed while the view is read still
     * wakes it, then reads the view, then pauses until the arrival or the pause's end. Answers whether
     * the id arrived.
     */
    private Uni<Boolean> look(UUID id, Supplier<Uni<Boolean>> known, long deadline, Duration pause, Executor context) {
        CompletableFuture<Void> arrival = listen(id);
        return Uni.createFrom().deferred(known::get)
                .flatMap(found -> {
                    Duration next = pauseWithin(pause, deadline - System.nanoTime());
                    if (found || next == null) {
                        return Uni.createFrom().item(found);
                    }
                    return Uni.createFrom().completionStage(arrival)
                            .ifNoItem().after(next)
                            .recoverWithItem((Void) null)
                            .emitOn(context)
                            // null: not known yet, look again
                            .onItem().transform(ignored -> (Boolean) null);
                })
                .onTermination().invoke(() -> forget(id, arrival))
                .flatMap(found -> found != null ? Uni.createFrom().item(found)
                        : look(id, known, deadline, longer(pause), context));
    }

    /**
     * The next pause: at most {@code pause}, never past the deadline, and null once less than a millisecond is
     * left (a Vert.x timer cannot wait less; asking it to throws, and the wait would never end).
     */
    static Duration pauseWithin(Duration pause, long nanosLeft) {
        if (nanosLeft < MIN_TIMER.toNanos()) {
            return null;
        }
        long nanos = Math.min(pause.toNanos(), nanosLeft);
        return Duration.ofNanos(Math.max(nanos, MIN_TIMER.toNanos()));
    }

    private CompletableFuture<Void> listen(UUID id) {
        CompletableFuture<Void> arrival = new CompletableFuture<>();
        waiters.compute(id, (key, waiting) -> {
            Set<CompletableFuture<Void>> set = waiting != null ? waiting : ConcurrentHashMap.newKeySet();
            set.add(arrival);
            return set;
        });
        return arrival;
    }

    private void forget(UUID id, CompletableFuture<Void> arrival) {
        waiters.computeIfPresent(id, (key, waiting) -> {
            waiting.remove(arrival);
            return waiting.isEmpty() ? null : waiting;
        });
    }

    private Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(longestPause) > 0 ? longestPause : doubled;
    }

    /**
     * Where a look goes on after a pause: the request's Vert.x context (its event loop, its request id
     * in the log), never the projection's thread that signalled the arrival nor the timer's.
     */
    private static Executor onCallersContext() {
        Context context = Vertx.currentContext();
        return context == null ? Infrastructure.getDefaultExecutor()
                : task -> context.runOnContext(ignored -> task.run());
    }

    /** How many ids are waited for right now (for tests: nothing is left behind). */
    int waiting() {
        return waiters.size();
    }
}

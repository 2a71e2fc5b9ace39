package org.lifeline.donations.money;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Closes match pools whose end time has passed (MatchPoolClosed ENDED) or whose campaign closed (CLOSED),
 * so a pool's page says CLOSED without waiting for a donation to close it lazily.
 */
@ApplicationScoped
public class MatchPoolTimer {

    private final MatchPoolHandler handler;
    private final Clock clock;

    /**
     * @param config read by {@code @Scheduled} below; injected so that Quarkus keeps the mapping that
     *               declares {@code lifeline.money.*} (an unused one is dropped, and its keys are then unknown)
     */
    public MatchPoolTimer(MatchPoolHandler handler, Clock clock, MoneyConfig config) {
        this.handler = handler;
        this.clock = clock;
        Log.debugf("match pool timer every %s", config.timerInterval());
    }

    /** Every {@code lifeline.money.timer-interval} ({@link MoneyConfig}; {@code off} in tests). */
    @Scheduled(identity = "match-pool-timer", every = "${lifeline.money.timer-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeDuePools() {
        return handler.closeDue(clock.instant())
                .invoke(closed -> {
                    if (closed > 0) {
                        Log.infof("closed %d match pools", closed);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("match pool timer failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

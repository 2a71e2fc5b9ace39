package org.lifeline.donations.application;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.infra.PledgesConfig;
import org.lifeline.donations.projection.PledgeReadModel;

import java.time.Clock;
import java.time.Instant;

/**
 * The pledges' timers: a hold not confirmed by {@code holdExpiresAt} expires, a confirmed pledge not
 * dispatched by its ETA plus grace is a no-show; both release the quantity. Every instance sweeps;
 * each release is decided on the ledger again, so an instance that comes second changes nothing.
 */
@ApplicationScoped
public class PledgeTimers {

    /** Pledges looked at per sweep and kind; the rest wait for the next sweep. */
    private static final int BATCH = 500;

    private final PledgeReadModel pledges;
    private final PledgeCommandHandler handler;
    private final PledgesConfig config;
    private final Clock clock;

    public PledgeTimers(PledgeReadModel pledges, PledgeCommandHandler handler, PledgesConfig config, Clock clock) {
        this.pledges = pledges;
        this.handler = handler;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "pledge-timers", every = "${lifeline.donations.timer-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return sweep().onFailure().recoverWithItem(failure -> {
            Log.warnf("pledge timers failed, next sweep retries: %s", failure.toString());
            return 0;
        }).replaceWithVoid();
    }

    /** Releases every lapsed hold and no-show due at the clock's now; answers how many pledges it released. */
    public Uni<Integer> sweep() {
        Instant now = clock.instant();
        return pledges.due(now, now.minus(config.noShowGrace()), BATCH).flatMap(due -> {
            Uni<Integer> released = Uni.createFrom().item(0);
            for (PledgeReadModel.Due pledge : due) {
                released = released.flatMap(count -> handler.expire(pledge.needId(), pledge.pledgeId(), pledge.noShow())
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("timer of pledge %s failed: %s", pledge.pledgeId(), failure.toString());
                            return 0;
                        })
                        .map(appended -> count + appended));
            }
            return released;
        }).invoke(count -> {
            if (count > 0) {
                Log.infof("pledge timers released %d pledges", count);
            }
        });
    }
}

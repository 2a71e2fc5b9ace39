package org.lifeline.campaigns.application;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.campaigns.domain.need.CheckFreshness;
import org.lifeline.campaigns.infra.NeedsConfig;
import org.lifeline.campaigns.projection.NeedReadModel;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.support.LifelineConfig;
import org.lifeline.support.eventsourcing.Correlation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Marks needs nobody reconfirmed as stale and expires them (unconfirmed too long, or past their
 * needed-by date), every {@code lifeline.campaigns.sweep-every} and on demand. The needs read
 * model says which live needs are due; each is checked by the need decider on its own stream, in a
 * transaction of its own, so one need that fails is logged and skipped, never the whole sweep.
 * With several instances only one sweeps at a time (a transaction-scoped advisory lock).
 */
@ApplicationScoped
public class NeedFreshnessSweep {

    /** The advisory lock of the sweep, in campaigns-service's database ("NEEDSWEP"). */
    private static final long LOCK_ID = 0x4e45454453574550L;
    private static final int PAGE = 200;

    private final Pool pool;
    private final NeedReadModel readModel;
    private final NeedCommandHandler needs;
    private final NeedsConfig config;
    private final Clock clock;
    private final String actor;

    public NeedFreshnessSweep(Pool pool, NeedReadModel readModel, NeedCommandHandler needs, NeedsConfig config,
                              Clock clock, LifelineConfig lifeline) {
        this.pool = pool;
        this.readModel = readModel;
        this.needs = needs;
        this.config = config;
        this.clock = clock;
        this.actor = Correlation.system(lifeline.serviceName());
    }

    @Scheduled(identity = "need-freshness-sweep", every = "{lifeline.campaigns.sweep-every}",
            delayed = "{lifeline.campaigns.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return sweep()
                .invoke(changed -> {
                    if (changed > 0) {
                        Log.infof("Freshness sweep changed %d need(s)", changed);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf(failure, "Freshness sweep failed; the next one tries again"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Checks every due need now; how many needs it marked stale or expired. Answers 0 at once when
     * another instance is sweeping.
     */
    public Uni<Integer> sweep() {
        Instant now = clock.instant();
        // A sweep is a flow of its own: one random correlation for everything it changes.
        UUID run = UUID.randomUUID();
        EventMetadata metadata = Correlation.forReaction(actor, run, run, now);
        // The lock's transaction stays open while the sweep runs; each need is changed in its own.
        return pool.withTransaction(lock -> lock.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(LOCK_ID))
                .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                        ? sweepFrom(null, now, metadata, 0)
                        : Uni.createFrom().item(0)));
    }

    /** Checks due needs page by page, after {@code after} by id, so each is visited once per sweep. */
    private Uni<Integer> sweepFrom(UUID after, Instant now, EventMetadata metadata, int changed) {
        return readModel.dueForFreshnessCheck(now, config.staleAfter(), config.expireAfter(), after, PAGE)
                .flatMap(due -> checkAll(due, now, metadata).flatMap(n -> due.size() < PAGE
                        ? Uni.createFrom().item(changed + n)
                        : sweepFrom(due.getLast(), now, metadata, changed + n)));
    }

    private Uni<Integer> checkAll(List<UUID> due, Instant now, EventMetadata metadata) {
        return Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(needId -> needs
                        .runForService(new CheckFreshness(needId, now), metadata)
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf(failure, "Freshness check of need %s failed; the next sweep tries again", needId);
                            return false;
                        }))
                .collect().asList()
                .map(changed -> (int) changed.stream().filter(Boolean::booleanValue).count());
    }
}

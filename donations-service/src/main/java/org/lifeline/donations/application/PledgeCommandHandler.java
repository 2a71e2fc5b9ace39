package org.lifeline.donations.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.contracts.ContractJson;
import org.lifeline.donations.domain.need.NeedCapacity;
import org.lifeline.donations.domain.pledge.CancelledBy;
import org.lifeline.donations.domain.pledge.Ledger;
import org.lifeline.donations.domain.pledge.Pledge;
import org.lifeline.donations.domain.pledge.PledgeAttemptEvent;
import org.lifeline.donations.domain.pledge.PledgeCommand;
import org.lifeline.donations.domain.pledge.PledgeCommand.ExpireHold;
import org.lifeline.donations.domain.pledge.PledgeCommand.MarkNoShow;
import org.lifeline.donations.domain.pledge.PledgeCommand.ReleaseNeedPledges;
import org.lifeline.donations.domain.pledge.PledgeCommand.ReservePledge;
import org.lifeline.donations.domain.pledge.PledgeEvent;
import org.lifeline.donations.domain.pledge.PledgeRefused;
import org.lifeline.donations.domain.pledge.PledgeRejected;
import org.lifeline.donations.domain.pledge.Pledges;
import org.lifeline.donations.domain.pledge.Policy;
import org.lifeline.donations.domain.pledge.RejectionReason;
import org.lifeline.donations.offer.OfferMatcher;
import org.lifeline.donations.projection.Arrivals;
import org.lifeline.donations.projection.NeedCapacityReadModel;
import org.lifeline.donations.projection.NeedCapacityRow;
import org.lifeline.donations.projection.PledgeReadModel;
import org.lifeline.donations.projection.PledgeView;
import org.lifeline.kernel.eventstore.ConcurrencyConflict;
import org.lifeline.kernel.eventstore.EventCodec;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.lifeline.kernel.eventstore.Upcasters;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.LifelineConfig;
import org.lifeline.support.Problem;
import org.lifeline.support.ProblemException;
import org.lifeline.support.eventsourcing.Correlation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs pledge commands on a need's ledger (stream type {@code pledge}, stream id = the need id):
 * load the need's row of the local view and its ledger, authorise, decide, move the row on
 * (compare-and-set on its revision), append, and write the {@code pledges} read model, all in one
 * transaction. A command that loses the race is decided again on the newer ledger by the
 * {@link CommandExecutor}, up to {@code lifeline.donations.command-attempts} times (infra
 * CommandAttempts: each loss means one more reservation committed meanwhile, so 50 simultaneous
 * pledges need up to 50 tries). After a ledger write commits, the matcher ranks the need as it
 * now stands ({@link OfferMatcher#refresh(UUID)}).
 *
 * <p>Refused pledges are recorded as {@link PledgeRejected} on their own {@code pledge-attempt}
 * stream and answered with the outstanding quantity; they never touch the ledger.
 */
@ApplicationScoped
public class PledgeCommandHandler {

    public static final String LEDGER = "pledge";
    public static final String ATTEMPT = "pledge-attempt";

    /** A pledge to reserve: {@code offerId} when it comes from an accepted offer, {@code note} for the coordinator. */
    public record NewPledge(UUID pledgeId, UUID needId, int quantity, Policy policy, UUID offerId, String note) {
    }

    /** What reserving a pledge came to, inside the caller's transaction. */
    public sealed interface Reservation {
        /** Reserved: the pledge as read back. */
        record Accepted(PledgeView pledge) implements Reservation { }

        /** Refused and recorded: why, and what was outstanding. */
        record Refused(PledgeRejected rejection) implements Reservation { }
    }

    /** Turns a pledge and its need into the command a request asks for; throws to refuse the actor (403) or the input. */
    @FunctionalInterface
    public interface Change {
        PledgeCommand command(Pledge pledge, NeedCapacity need, Instant now);
    }

    /** A need's row of the local view, its ledger and the ledger stream's version. */
    private record Loaded(NeedCapacityRow row, Ledger ledger, long version) { }

    private final Pledges decider;
    private final Clock clock;
    private final EventStore store;
    private final CommandExecutor executor;
    private final NeedCapacityReadModel needs;
    private final PledgeReadModel pledges;
    private final ObjectMapper json;
    private final OfferMatcher matcher;
    private final String system;
    private final EventCodec<PledgeEvent> codec;
    private final EventCodec<PledgeAttemptEvent> attemptCodec;
    private final Counter conflicts;
    private final Pool pool;
    private final Arrivals arrivals;

    public PledgeCommandHandler(Pledges decider, Clock clock, EventStore store, CommandExecutor executor,
                                NeedCapacityReadModel needs, PledgeReadModel pledges, ObjectMapper json,
                                OfferMatcher matcher, LifelineConfig lifeline, MeterRegistry metrics, Pool pool,
                                Arrivals arrivals) {
        this.decider = decider;
        this.clock = clock;
        this.store = store;
        this.executor = executor;
        this.needs = needs;
        this.pledges = pledges;
        this.json = json;
        this.matcher = matcher;
        this.system = Correlation.system(lifeline.serviceName());
        this.conflicts = Counter.builder("lifeline.pledge.ledger.conflicts")
                .description("Ledger writes that lost the race on a need's ledger and were decided again")
                .register(metrics);
        // Events are written by the contract's JSON rules (no nulls, RFC 3339 times): what is stored is what Kafka carries.
        this.codec = EventCodec.forSealed(ContractJson.mapper(), new Upcasters(), PledgeEvent.class);
        this.attemptCodec = EventCodec.forSealed(ContractJson.mapper(), new Upcasters(), PledgeAttemptEvent.class);
        this.pool = pool;
        this.arrivals = arrivals;
    }

    /**
     * A donor's pledge: 201 with the pledge, or 409 / 422 with the outstanding quantity (recorded as
     * PledgeRejected); 404 when the need is not known here, even after {@link #awaitNeed waiting} for it.
     *
     * @param path the request's path, the {@code instance} of a refusal
     */
    public Uni<CommandExecutor.Outcome> reserve(NewPledge pledge, Actor actor, String requestId, String path,
                                                IdempotentRequest request) {
        return awaitNeed(pledge.needId()).flatMap(ignored -> executor.execute(request, tx -> {
            EventMetadata metadata = Commands.metadata(actor, requestId, request, clock.instant());
            return reserve(tx, pledge, actor.accountId(), metadata).map(reservation -> switch (reservation) {
                case Reservation.Accepted accepted -> Commands.stored(json, 201, accepted.pledge());
                case Reservation.Refused refused -> Commands.problem(json, refusal(refused.rejection()), path);
            });
        })).call(() -> matcher.refresh(pledge.needId()));
    }

    /**
     * Waits, a bounded time ({@code lifeline.donations.unknown-wait}), for a need this service has not
     * heard of yet: it may just have been posted. Call it before the command's transaction begins, so
     * that nothing is held while waiting; completes at once for a need the view has, whatever its status.
     */
    public Uni<Void> awaitNeed(UUID needId) {
        return arrivals.await(needId, () -> needs.exists(pool, needId));
    }

    /**
     * Reserves a pledge inside the caller's transaction (for flows that record more, such as an
     * accepted offer). Fails with {@link ConcurrencyConflict} when it lost the race on the ledger,
     * and with a 404 {@link ProblemException} for a need this service does not know.
     */
    public Uni<Reservation> reserve(SqlConnection tx, NewPledge pledge, UUID donorId, EventMetadata metadata) {
        return load(tx, pledge.needId()).flatMap(found -> {
            Loaded loaded = found.orElseThrow(() -> new ProblemException(404, "Not Found",
                    "There is no need " + pledge.needId() + " (or it has not reached donations yet)."));
            ReservePledge command = new ReservePledge(pledge.pledgeId(), loaded.row().capacity(), donorId,
                    pledge.quantity(), pledge.policy(), pledge.offerId(), metadata.occurredAt());
            List<PledgeEvent> events;
            try {
                events = decider.decide(command, loaded.ledger());
            } catch (PledgeRefused refused) {
                PledgeRejected rejection = new PledgeRejected(pledge.pledgeId(), pledge.needId(), donorId,
                        pledge.quantity(), refused.outstanding(), refused.reason());
                return store.append(tx, pledge.pledgeId().toString(), ATTEMPT, EventStore.NO_STREAM,
                                List.of(attemptCodec.encode(rejection, metadata)))
                        .replaceWith(new Reservation.Refused(rejection));
            }
            return write(tx, loaded, events, metadata, pledge.note())
                    .flatMap(ignored -> view(tx, pledge.pledgeId()))
                    .map(Reservation.Accepted::new);
        });
    }

    /**
     * Runs a donor's or coordinator's command on one pledge.
     *
     * @param ifMatch the pledge version the caller last saw, or null for whatever the version
     * @param note    a free-text note kept with the pledge (deliveries), or null
     */
    public Uni<CommandExecutor.Outcome> change(UUID pledgeId, Long ifMatch, Actor actor, String requestId,
                                               IdempotentRequest request, String note, Change change) {
        return pledges.find(pledgeId).flatMap(found -> {
            UUID needId = found.orElseThrow(() -> notFound(pledgeId)).view().needId();
            return executor.execute(request, tx -> load(tx, needId).flatMap(loadedNeed -> {
                Loaded loaded = loadedNeed.orElseThrow(() -> notFound(pledgeId));
                Pledge pledge = loaded.ledger().pledge(pledgeId).orElseThrow(() -> notFound(pledgeId));
                Instant now = clock.instant();
                PledgeCommand command = change.command(pledge, loaded.row().capacity(), now);
                if (ifMatch != null && ifMatch != pledge.version()) {
                    throw new ProblemException(409, "Stale version", "The pledge is at version " + pledge.version()
                            + ", not " + ifMatch + ".");
                }
                List<PledgeEvent> events = decider.decide(command, loaded.ledger());
                EventMetadata metadata = Commands.metadata(actor, requestId, request, now);
                return write(tx, loaded, events, metadata, note)
                        .flatMap(ignored -> view(tx, pledgeId))
                        .map(view -> Commands.stored(json, 200, view));
            })).call(() -> matcher.refresh(needId));
        });
    }

    /**
     * The need closed, was cancelled or expired: releases its active pledges, inside the
     * projection's transaction (which has already moved the need's row, and so holds it).
     * Redelivered or repeated, it finds nothing active and changes nothing.
     */
    public Uni<Void> releaseNeed(SqlConnection tx, UUID needId, CancelledBy cancelledBy, EventMetadata metadata) {
        return load(tx, needId).flatMap(found -> found
                .map(loaded -> write(tx, loaded, decider.decide(new ReleaseNeedPledges(needId, cancelledBy),
                        loaded.ledger()), metadata, null).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /**
     * The timers' command: releases a lapsed hold, or marks a no-show, when it is still due at the
     * clock's now (a donor or another instance's timer may have moved first). Answers how many
     * events it appended.
     */
    public Uni<Integer> expire(UUID needId, UUID pledgeId, boolean noShow) {
        UUID timer = UUID.randomUUID();
        int[] appended = {0};
        return executor.execute(null, tx -> load(tx, needId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new StoredResponse(204, null));
            }
            Instant now = clock.instant();
            PledgeCommand command = noShow ? new MarkNoShow(pledgeId, now) : new ExpireHold(pledgeId, now);
            List<PledgeEvent> events = decider.decide(command, found.get().ledger());
            appended[0] = events.size();
            return write(tx, found.get(), events, Correlation.forReaction(system, timer, null, now), null)
                    .replaceWith(new StoredResponse(204, null));
        })).call(() -> appended[0] > 0 ? matcher.refresh(needId) : Uni.createFrom().voidItem())
                .map(outcome -> appended[0]);
    }

    /** The actor of the service's own timers and reactions, e.g. {@code system:donations-service}. */
    public String system() {
        return system;
    }

    private Uni<Optional<Loaded>> load(SqlConnection tx, UUID needId) {
        // The row first, then the ledger: a ledger write committed in between moved the row's
        // revision too, so this command's compare-and-set fails and it is decided again.
        return needs.find(tx, needId).flatMap(row -> row.isEmpty()
                ? Uni.createFrom().item(Optional.<Loaded>empty())
                : store.load(tx, LEDGER, needId.toString()).map(recorded -> Optional.of(replay(row.get(), recorded))));
    }

    private Loaded replay(NeedCapacityRow row, List<RecordedEvent> recorded) {
        Ledger ledger = decider.replay(decider.initialState(), codec.decodeAll(recorded));
        return new Loaded(row, ledger, recorded.isEmpty() ? EventStore.NO_STREAM : recorded.getLast().version());
    }

    /** Moves the need's row on from the revision this command read, then appends; nothing when there is nothing to append. */
    private Uni<Ledger> write(SqlConnection tx, Loaded loaded, List<PledgeEvent> events, EventMetadata metadata,
                              String note) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(loaded.ledger());
        }
        Ledger after = decider.replay(loaded.ledger(), events);
        UUID needId = loaded.row().capacity().needId();
        String streamId = needId.toString();
        Instant at = metadata.occurredAt();
        List<NewEvent> encoded = events.stream().map(event -> codec.encode(event, metadata)).toList();
        return needs.compareAndSet(tx, needId, loaded.row().revision(), after.held(), loaded.version() + events.size(),
                        at)
                .flatMap(moved -> moved
                        ? store.append(tx, streamId, LEDGER, loaded.version(), encoded)
                        : Uni.createFrom().failure(() -> {
                            conflicts.increment();
                            return new ConcurrencyConflict(streamId, loaded.version());
                        }))
                .flatMap(recorded -> {
                    Uni<Void> applied = Uni.createFrom().voidItem();
                    for (PledgeEvent event : events) {
                        long version = after.pledge(event.pledgeId()).orElseThrow().version();
                        applied = applied.call(() -> pledges.apply(tx, event, version, note, at));
                    }
                    return applied;
                })
                .replaceWith(after);
    }

    private Uni<PledgeView> view(SqlConnection tx, UUID pledgeId) {
        return pledges.find(tx, pledgeId).map(found -> found.orElseThrow().view());
    }

    /** The problem a refused pledge is answered with: 409 when it does not fit, 422 when the need is not open. */
    public static Problem refusal(PledgeRejected rejection) {
        boolean notOpen = rejection.reason() == RejectionReason.NEED_NOT_OPEN;
        int status = notOpen ? 422 : 409;
        String detail = switch (rejection.reason()) {
            case NEED_NOT_OPEN -> "The need is not open for pledges.";
            case NOTHING_OUTSTANDING -> "The need is fully pledged: nothing is outstanding.";
            case DOES_NOT_FIT -> "Only " + rejection.outstanding() + " of the " + rejection.requested()
                    + " pledged are outstanding; pledge at most that, or use the PARTIAL policy.";
        };
        String code = rejection.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return new Problem(Problem.TYPE_PREFIX + code, notOpen ? "Unprocessable Content" : "Conflict", status, detail,
                null, null, Map.of("outstanding", rejection.outstanding(),
                "reason", rejection.reason().name(), "pledgeId", rejection.pledgeId()));
    }

    private static ProblemException notFound(UUID pledgeId) {
        return new ProblemException(404, "Not Found", "There is no pledge " + pledgeId + ".");
    }

    /** 403 unless the actor made the pledge. */
    public static void requireDonor(Pledge pledge, Actor actor) {
        if (!actor.isDonor(pledge.donorId())) {
            throw new ForbiddenException();
        }
    }

    /** 403 unless the actor coordinates for the need's organisation. */
    public static void requireCoordinator(NeedCapacity need, Actor actor) {
        if (!actor.mayActFor(need.organisationId())) {
            throw new ForbiddenException();
        }
    }
}

package org.lifeline.campaigns.domain.need;

import org.lifeline.kernel.Decider;
import org.lifeline.kernel.Rejected;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The need decider. Coordinators post and revise needs; donations' pledge events move the
 * reserved and delivered counters; the freshness sweep marks needs stale and expires them.
 *
 * <p>Time comes from the injected {@link Clock} (posting, reconfirming, deadline checks) and from
 * {@link CheckFreshness#now()} for the sweep, never from the system clock.
 */
public final class Needs implements Decider<NeedCommand, Need, NeedEvent> {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 10_000_000;

    /** Stable rejection codes, for the API's problem details. */
    public static final String NEED_NOT_FOUND = "need-not-found";
    public static final String NEED_ALREADY_POSTED = "need-already-posted";
    public static final String NEED_CLOSED = "need-closed";
    public static final String INVALID_NEED = "invalid-need";
    public static final String QUANTITY_OUT_OF_RANGE = "quantity-out-of-range";
    public static final String NEEDED_BY_IN_PAST = "needed-by-in-past";
    public static final String PLEDGE_ALREADY_RESERVED = "pledge-already-reserved";
    public static final String PLEDGE_NOT_RESERVED = "pledge-not-reserved";
    public static final String PLEDGE_DELIVERED = "pledge-delivered";
    public static final String DELIVERY_EXCEEDS_RESERVATION = "delivery-exceeds-reservation";

    private final Freshness freshness;
    private final Clock clock;

    public Needs(Freshness freshness, Clock clock) {
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Need initialState() {
        return Need.NONE;
    }

    @Override
    public List<NeedEvent> decide(NeedCommand command, Need need) {
        if (command instanceof PostNeed post) {
            return post(post, need);
        }
        if (!need.exists()) {
            throw new Rejected(NEED_NOT_FOUND, "need " + command.needId() + " has not been posted");
        }
        return switch (command) {
            case PostNeed c -> throw new IllegalStateException("handled above");
            case ReviseQuantity c -> reviseQuantity(c, need);
            case Reprioritize c -> {
                requireLive(need, "reprioritised");
                yield c.urgency() == need.urgency()
                        ? List.of()
                        : List.of(new NeedReprioritized(need.needId(), need.urgency(), Objects.requireNonNull(c.urgency(), "urgency")));
            }
            case ChangeDeadline c -> {
                requireLive(need, "given a new deadline");
                if (Objects.equals(c.neededBy(), need.neededBy())) {
                    yield List.of();
                }
                requireFuture(c.neededBy());
                yield List.of(new NeedDeadlineChanged(need.needId(), need.neededBy(), c.neededBy()));
            }
            case ReconfirmNeed c -> {
                requireLive(need, "reconfirmed");
                yield List.of(new NeedReconfirmed(need.needId(), clock.instant()));
            }
            case CloseNeed c -> close(c, need);
            case CheckFreshness c -> checkFreshness(c, need);
            case RecordReservation c -> recordReservation(c, need);
            case ReleaseReservation c -> releaseReservation(c, need);
            case RecordDelivery c -> recordDelivery(c, need);
        };
    }

    private List<NeedEvent> post(PostNeed c, Need need) {
        if (need.exists()) {
            throw new Rejected(NEED_ALREADY_POSTED, "need " + need.needId() + " is already posted");
        }
        if (c.needId() == null || c.campaignId() == null || c.organisationId() == null
                || c.sector() == null || c.urgency() == null || c.site() == null) {
            throw new Rejected(INVALID_NEED, "a need needs an id, campaign, organisation, sector, urgency and site");
        }
        if (isBlank(c.item()) || isBlank(c.unit())) {
            throw new Rejected(INVALID_NEED, "a need needs an item and a unit");
        }
        requireQuantityInRange(c.quantity());
        requireFuture(c.neededBy());
        return List.of(new NeedPosted(c.needId(), c.campaignId(), c.organisationId(), c.sector(), c.item().strip(),
                c.unit().strip(), c.quantity(), c.urgency(), c.site(), c.neededBy(), clock.instant()));
    }

    private List<NeedEvent> reviseQuantity(ReviseQuantity c, Need need) {
        requireLive(need, "revised");
        requireQuantityInRange(c.quantity());
        if (c.quantity() == need.requested()) {
            return List.of();
        }
        List<NeedEvent> events = new ArrayList<>();
        events.add(new NeedQuantityRevised(need.needId(), need.requested(), c.quantity()));
        // Pledges are never dropped here: the coordinator is told, and chooses which to release.
        if (need.reserved() > c.quantity()) {
            events.add(new NeedOverSubscribed(need.needId(), c.quantity(), need.reserved()));
        }
        if (need.delivered() >= c.quantity()) {
            events.add(new NeedFulfilled(need.needId(), c.quantity(), need.delivered()));
        }
        return events;
    }

    private List<NeedEvent> close(CloseNeed c, Need need) {
        CloseReason reason = Objects.requireNonNull(c.reason(), "reason");
        NeedStatus status = need.status();
        // A retried close that already happened is accepted and changes nothing.
        if ((reason == CloseReason.FULFILLED && status == NeedStatus.CLOSED)
                || (reason == CloseReason.CANCELLED && status == NeedStatus.CANCELLED)) {
            return List.of();
        }
        if (reason == CloseReason.FULFILLED && (status.isLive() || status == NeedStatus.FULFILLED)) {
            return List.of(new NeedClosed(need.needId(), need.requested(), need.reserved(), need.delivered()));
        }
        if (reason == CloseReason.CANCELLED && status.isLive()) {
            return List.of(new NeedCancelled(need.needId(), need.reserved()));
        }
        throw new Rejected(NEED_CLOSED, "need is " + status + " and cannot be closed as " + reason);
    }

    private List<NeedEvent> checkFreshness(CheckFreshness c, Need need) {
        // The sweep visits needs in every state; only live needs age.
        if (!need.status().isLive()) {
            return List.of();
        }
        Instant now = Objects.requireNonNull(c.now(), "now");
        if (need.neededBy() != null && now.isAfter(need.neededBy())) {
            return List.of(new NeedExpired(need.needId(), ExpiryReason.PAST_NEEDED_BY, need.reserved()));
        }
        Duration unconfirmed = Duration.between(need.lastConfirmedAt(), now);
        if (unconfirmed.compareTo(freshness.expireAfter()) >= 0) {
            return List.of(new NeedExpired(need.needId(), ExpiryReason.UNCONFIRMED, need.reserved()));
        }
        if (!need.stale() && unconfirmed.compareTo(freshness.staleAfter()) >= 0) {
            return List.of(new NeedMarkedStale(need.needId(), need.lastConfirmedAt()));
        }
        return List.of();
    }

    /*
     * Counter commands mirror facts donations has already recorded, so they are accepted in every
     * state (the books stay true while donations releases pledges of a closed need) and repeats
     * are no-ops; only live needs change status because of them.
     */

    private List<NeedEvent> recordReservation(RecordReservation c, Need need) {
        // A pledge that was delivered or wholly released is settled: its reservation replayed changes nothing.
        if (need.deliveredPledges().contains(c.pledgeId()) || need.releasedPledges().contains(c.pledgeId())) {
            return List.of();
        }
        Integer held = need.reservations().get(c.pledgeId());
        if (held != null) {
            if (held == c.quantity()) {
                return List.of();
            }
            throw new Rejected(PLEDGE_ALREADY_RESERVED,
                    "pledge " + c.pledgeId() + " already holds " + held + ", not " + c.quantity());
        }
        if (c.quantity() < 1) {
            throw new Rejected(QUANTITY_OUT_OF_RANGE, "a reservation must be at least 1, was " + c.quantity());
        }
        List<NeedEvent> events = new ArrayList<>();
        events.add(new NeedQuantityReserved(need.needId(), c.pledgeId(), c.quantity()));
        int reserved = need.reserved() + c.quantity();
        // Donations guards the request; landing above it means a revision raced the pledge. Keep it, say so.
        if (need.status().isLive() && reserved > need.requested()) {
            events.add(new NeedOverSubscribed(need.needId(), need.requested(), reserved));
        }
        return events;
    }

    private List<NeedEvent> releaseReservation(ReleaseReservation c, Need need) {
        Integer held = need.reservations().get(c.pledgeId());
        if (held == null) {
            return List.of();
        }
        if (need.deliveredPledges().contains(c.pledgeId())) {
            throw new Rejected(PLEDGE_DELIVERED, "pledge " + c.pledgeId() + " was delivered; its quantity cannot be released");
        }
        return List.of(new NeedReservationReleased(need.needId(), c.pledgeId(), held));
    }

    private List<NeedEvent> recordDelivery(RecordDelivery c, Need need) {
        if (need.deliveredPledges().contains(c.pledgeId())) {
            return List.of();
        }
        Integer held = need.reservations().get(c.pledgeId());
        if (held == null) {
            throw new Rejected(PLEDGE_NOT_RESERVED, "pledge " + c.pledgeId() + " holds no reservation on this need");
        }
        if (c.quantity() < 0 || c.quantity() > held) {
            throw new Rejected(DELIVERY_EXCEEDS_RESERVATION,
                    "pledge " + c.pledgeId() + " reserved " + held + "; " + c.quantity() + " cannot be recorded as delivered");
        }
        List<NeedEvent> events = new ArrayList<>();
        events.add(new NeedDeliveryRecorded(need.needId(), c.pledgeId(), c.quantity()));
        // A short delivery ends the pledge; what did not arrive goes back to outstanding.
        if (c.quantity() < held) {
            events.add(new NeedReservationReleased(need.needId(), c.pledgeId(), held - c.quantity()));
        }
        int delivered = need.delivered() + c.quantity();
        if (need.status().isLive() && delivered >= need.requested()) {
            events.add(new NeedFulfilled(need.needId(), need.requested(), delivered));
        }
        return events;
    }

    @Override
    public Need evolve(Need need, NeedEvent event) {
        return switch (event) {
            case NeedPosted e -> new Need(e.needId(), e.campaignId(), e.organisationId(), e.sector(), e.item(), e.unit(),
                    e.urgency(), e.site(), e.quantity(), 0, 0, NeedStatus.OPEN, false, e.neededBy(),
                    e.postedAt(), e.postedAt(), Map.of(), Set.of(), Set.of());
            case NeedQuantityRevised e -> withCounters(need, e.to(), need.reserved(), need.reservations());
            case NeedReprioritized e -> withUrgency(need, e.to());
            case NeedDeadlineChanged e -> withNeededBy(need, e.to());
            case NeedReconfirmed e -> withFreshness(need, false, e.at());
            case NeedMarkedStale e -> withFreshness(need, true, need.lastConfirmedAt());
            case NeedOverSubscribed e -> need; // a notice; the counters already say it
            case NeedExpired e -> withStatus(need, NeedStatus.EXPIRED);
            case NeedFulfilled e -> withStatus(need, NeedStatus.FULFILLED);
            case NeedClosed e -> withStatus(need, NeedStatus.CLOSED);
            case NeedCancelled e -> withStatus(need, NeedStatus.CANCELLED);
            case NeedQuantityReserved e -> {
                Map<UUID, Integer> reservations = new HashMap<>(need.reservations());
                reservations.merge(e.pledgeId(), e.quantity(), Integer::sum);
                yield withCounters(need, need.requested(), need.reserved() + e.quantity(), reservations);
            }
            case NeedReservationReleased e -> {
                Map<UUID, Integer> reservations = new HashMap<>(need.reservations());
                int left = reservations.getOrDefault(e.pledgeId(), 0) - e.quantity();
                Need released = need;
                if (left > 0) {
                    reservations.put(e.pledgeId(), left);
                } else {
                    reservations.remove(e.pledgeId());
                    Set<UUID> releasedPledges = new HashSet<>(need.releasedPledges());
                    releasedPledges.add(e.pledgeId());
                    released = new Need(need.needId(), need.campaignId(), need.organisationId(), need.sector(),
                            need.item(), need.unit(), need.urgency(), need.site(), need.requested(), need.reserved(),
                            need.delivered(), need.status(), need.stale(), need.neededBy(), need.postedAt(),
                            need.lastConfirmedAt(), need.reservations(), need.deliveredPledges(), releasedPledges);
                }
                yield withCounters(released, need.requested(), need.reserved() - e.quantity(), reservations);
            }
            case NeedDeliveryRecorded e -> {
                Set<UUID> deliveredPledges = new HashSet<>(need.deliveredPledges());
                deliveredPledges.add(e.pledgeId());
                yield withDelivered(need, need.delivered() + e.quantity(), deliveredPledges);
            }
        };
    }

    /** New requested/reserved; a live need is FULLY_PLEDGED exactly while reserved covers requested. */
    private static Need withCounters(Need need, int requested, int reserved, Map<UUID, Integer> reservations) {
        NeedStatus status = need.status();
        if (status.isLive()) {
            status = reserved >= requested ? NeedStatus.FULLY_PLEDGED : NeedStatus.OPEN;
        }
        return new Need(need.needId(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), need.urgency(), need.site(), requested, reserved, need.delivered(), status,
                need.stale(), need.neededBy(), need.postedAt(), need.lastConfirmedAt(), reservations,
                need.deliveredPledges(), need.releasedPledges());
    }

    private static Need withStatus(Need need, NeedStatus status) {
        return new Need(need.needId(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), need.urgency(), need.site(), need.requested(), need.reserved(), need.delivered(), status,
                need.stale(), need.neededBy(), need.postedAt(), need.lastConfirmedAt(), need.reservations(),
                need.deliveredPledges(), need.releasedPledges());
    }

    private static Need withFreshness(Need need, boolean stale, Instant lastConfirmedAt) {
        return new Need(need.needId(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), need.urgency(), need.site(), need.requested(), need.reserved(), need.delivered(),
                need.status(), stale, need.neededBy(), need.postedAt(), lastConfirmedAt, need.reservations(),
                need.deliveredPledges(), need.releasedPledges());
    }

    private static Need withUrgency(Need need, Urgency urgency) {
        return new Need(need.needId(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), urgency, need.site(), need.requested(), need.reserved(), need.delivered(),
                need.status(), need.stale(), need.neededBy(), need.postedAt(), need.lastConfirmedAt(),
                need.reservations(), need.deliveredPledges(), need.releasedPledges());
    }

    private static Need withNeededBy(Need need, Instant neededBy) {
        return new Need(need.needId(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), need.urgency(), need.site(), need.requested(), need.reserved(), need.delivered(),
                need.status(), need.stale(), neededBy, need.postedAt(), need.lastConfirmedAt(),
                need.reservations(), need.deliveredPledges(), need.releasedPledges());
    }

    private static Need withDelivered(Need need, int delivered, Set<UUID> deliveredPledges) {
        return new Need(need.needId(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), need.urgency(), need.site(), need.requested(), need.reserved(), delivered,
                need.status(), need.stale(), need.neededBy(), need.postedAt(), need.lastConfirmedAt(),
                need.reservations(), deliveredPledges, need.releasedPledges());
    }

    private static void requireLive(Need need, String action) {
        if (!need.status().isLive()) {
            throw new Rejected(NEED_CLOSED, "need is " + need.status() + " and cannot be " + action);
        }
    }

    private static void requireQuantityInRange(int quantity) {
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw new Rejected(QUANTITY_OUT_OF_RANGE,
                    "quantity must be within " + MIN_QUANTITY + ".." + MAX_QUANTITY + ", was " + quantity);
        }
    }

    private void requireFuture(Instant neededBy) {
        if (neededBy != null && !neededBy.isAfter(clock.instant())) {
            throw new Rejected(NEEDED_BY_IN_PAST, "needed-by " + neededBy + " is not in the future");
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}

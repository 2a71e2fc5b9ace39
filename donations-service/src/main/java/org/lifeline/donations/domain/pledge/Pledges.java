package org.lifeline.donations.domain.pledge;

import org.lifeline.donations.domain.need.NeedCapacity;
import org.lifeline.donations.domain.pledge.PledgeCommand.CancelPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.ConfirmPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.DispatchPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.ExpireHold;
import org.lifeline.donations.domain.pledge.PledgeCommand.MarkNoShow;
import org.lifeline.donations.domain.pledge.PledgeCommand.RecordDelivery;
import org.lifeline.donations.domain.pledge.PledgeCommand.ReleaseNeedPledges;
import org.lifeline.donations.domain.pledge.PledgeCommand.ReservePledge;
import org.lifeline.kernel.Decider;
import org.lifeline.kernel.Rejected;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The pledge ledger of one need. The hard rule: the pledges' holdings never exceed the need's
 * requested quantity, so a reservation is decided against everything the ledger holds. Concurrent
 * pledges race on the ledger stream's version; the loser is decided again on the newer ledger.
 *
 * <p>Time comes from the commands ({@code now}), never from a clock of its own.
 */
public final class Pledges implements Decider<PledgeCommand, Ledger, PledgeEvent> {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 10_000_000;

    /** Stable rejection codes, for the API's problem details. */
    public static final String INVALID_PLEDGE = "invalid-pledge";
    public static final String PLEDGE_NOT_FOUND = "pledge-not-found";
    public static final String PLEDGE_ALREADY_RESERVED = "pledge-already-reserved";
    public static final String PLEDGE_NOT_ACTIVE = "pledge-not-active";
    public static final String HOLD_EXPIRED = "hold-expired";
    public static final String ETA_IN_PAST = "eta-in-past";
    public static final String NOT_CONFIRMED = "pledge-not-confirmed";
    public static final String DELIVERY_EXCEEDS_RESERVATION = "delivery-exceeds-reservation";

    private final PledgeRules rules;

    public Pledges(PledgeRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    @Override
    public Ledger initialState() {
        return Ledger.EMPTY;
    }

    @Override
    public List<PledgeEvent> decide(PledgeCommand command, Ledger ledger) {
        return switch (command) {
            case ReservePledge c -> reserve(c, ledger);
            case ConfirmPledge c -> confirm(c, ledger);
            case DispatchPledge c -> dispatch(c, ledger);
            case RecordDelivery c -> deliver(c, ledger);
            case CancelPledge c -> cancel(c, ledger);
            case ExpireHold c -> expireHold(c, ledger);
            case MarkNoShow c -> markNoShow(c, ledger);
            case ReleaseNeedPledges c -> ledger.pledges().values().stream()
                    .filter(pledge -> pledge.status().isActive())
                    // A need closed as met keeps the goods already on their way, so their arrival can still be
                    // recorded; cancelled or expired needs release everything.
                    .filter(pledge -> !(c.cancelledBy() == CancelledBy.NEED_CLOSED
                            && pledge.status() == PledgeStatus.IN_TRANSIT))
                    .<PledgeEvent>map(pledge -> new PledgeCancelled(pledge.pledgeId(), c.needId(), pledge.reserved(),
                            Objects.requireNonNull(c.cancelledBy(), "cancelledBy"), null))
                    .toList();
        };
    }

    private List<PledgeEvent> reserve(ReservePledge c, Ledger ledger) {
        NeedCapacity need = Objects.requireNonNull(c.need(), "need");
        if (c.pledgeId() == null || c.donorId() == null || c.policy() == null || c.now() == null) {
            throw new Rejected(INVALID_PLEDGE, "a pledge needs an id, a donor, a policy and a time");
        }
        if (c.quantity() < MIN_QUANTITY || c.quantity() > MAX_QUANTITY) {
            throw new Rejected(INVALID_PLEDGE, "a pledge is of " + MIN_QUANTITY + ".." + MAX_QUANTITY
                    + " units, not " + c.quantity());
        }
        if (ledger.pledge(c.pledgeId()).isPresent()) {
            throw new Rejected(PLEDGE_ALREADY_RESERVED, "pledge " + c.pledgeId() + " is already on the ledger");
        }
        if (!need.isOpen()) {
            // Nothing can be pledged on a need that is not open, whatever its counters say.
            throw new PledgeRefused(RejectionReason.NEED_NOT_OPEN, 0,
                    "need " + need.needId() + " is " + need.status() + " and takes no pledges");
        }
        int outstanding = ledger.outstanding(need.requested());
        if (outstanding == 0) {
            throw new PledgeRefused(RejectionReason.NOTHING_OUTSTANDING, 0,
                    "need " + need.needId() + " is fully pledged: nothing is outstanding");
        }
        if (c.policy() == Policy.ALL_OR_NOTHING && c.quantity() > outstanding) {
            throw new PledgeRefused(RejectionReason.DOES_NOT_FIT, outstanding,
                    "only " + outstanding + " of the " + c.quantity() + " pledged are outstanding");
        }
        int reserved = Math.min(c.quantity(), outstanding);
        return List.of(new PledgeReserved(c.pledgeId(), need.needId(), need.campaignId(), need.organisationId(),
                c.donorId(), c.quantity(), reserved, c.policy(), c.now().plus(rules.hold()), c.offerId()));
    }

    private List<PledgeEvent> confirm(ConfirmPledge c, Ledger ledger) {
        Pledge pledge = active(ledger, c.pledgeId(), "confirmed");
        if (c.method() == null || c.eta() == null || c.now() == null) {
            throw new Rejected(INVALID_PLEDGE, "a confirmation needs a method, an ETA and a time");
        }
        if (pledge.status() == PledgeStatus.IN_TRANSIT) {
            throw new Rejected(PLEDGE_NOT_ACTIVE, "pledge " + pledge.pledgeId() + " is already dispatched");
        }
        if (pledge.status() == PledgeStatus.RESERVED && !c.now().isBefore(pledge.holdExpiresAt())) {
            throw new Rejected(HOLD_EXPIRED, "the hold of pledge " + pledge.pledgeId() + " expired at "
                    + pledge.holdExpiresAt());
        }
        if (c.method() == pledge.method() && c.eta().equals(pledge.eta())) {
            return List.of();
        }
        if (!c.eta().isAfter(c.now())) {
            throw new Rejected(ETA_IN_PAST, "the ETA " + c.eta() + " is not in the future");
        }
        return List.of(new PledgeConfirmed(pledge.pledgeId(), ledger.needId(), c.method(), c.eta()));
    }

    private List<PledgeEvent> dispatch(DispatchPledge c, Ledger ledger) {
        Pledge pledge = active(ledger, c.pledgeId(), "dispatched");
        if (pledge.status() == PledgeStatus.RESERVED) {
            throw new Rejected(NOT_CONFIRMED, "pledge " + pledge.pledgeId()
                    + " must be confirmed (method and ETA) before it is dispatched");
        }
        if (pledge.status() == PledgeStatus.IN_TRANSIT && Objects.equals(c.carrier(), pledge.carrier())
                && Objects.equals(c.trackingRef(), pledge.trackingRef())) {
            return List.of();
        }
        return List.of(new PledgeDispatched(pledge.pledgeId(), ledger.needId(), c.carrier(), c.trackingRef()));
    }

    private List<PledgeEvent> deliver(RecordDelivery c, Ledger ledger) {
        Pledge pledge = active(ledger, c.pledgeId(), "delivered");
        if (c.quantityReceived() < 0) {
            throw new Rejected(INVALID_PLEDGE, "the quantity received cannot be negative");
        }
        if (c.quantityReceived() > pledge.reserved()) {
            throw new Rejected(DELIVERY_EXCEEDS_RESERVATION, "received " + c.quantityReceived()
                    + " is more than the " + pledge.reserved() + " reserved");
        }
        return List.of(new PledgeDelivered(pledge.pledgeId(), ledger.needId(), c.quantityReceived(),
                pledge.reserved() - c.quantityReceived()));
    }

    private List<PledgeEvent> cancel(CancelPledge c, Ledger ledger) {
        Pledge pledge = existing(ledger, c.pledgeId());
        if (pledge.status() == PledgeStatus.CANCELLED) {
            return List.of();
        }
        active(ledger, c.pledgeId(), "cancelled");
        return List.of(new PledgeCancelled(pledge.pledgeId(), ledger.needId(), pledge.reserved(),
                Objects.requireNonNull(c.cancelledBy(), "cancelledBy"), blankToNull(c.reason())));
    }

    private List<PledgeEvent> expireHold(ExpireHold c, Ledger ledger) {
        Pledge pledge = existing(ledger, c.pledgeId());
        // Timers race with donors and with each other: anything but a lapsed, unconfirmed hold is left alone.
        if (pledge.status() != PledgeStatus.RESERVED || c.now().isBefore(pledge.holdExpiresAt())) {
            return List.of();
        }
        return List.of(new PledgeHoldExpired(pledge.pledgeId(), ledger.needId(), pledge.reserved()));
    }

    private List<PledgeEvent> markNoShow(MarkNoShow c, Ledger ledger) {
        Pledge pledge = existing(ledger, c.pledgeId());
        if (pledge.status() != PledgeStatus.CONFIRMED || c.now().isBefore(noShowAt(pledge))) {
            return List.of();
        }
        return List.of(new PledgeNoShowMarked(pledge.pledgeId(), ledger.needId(), pledge.reserved(), pledge.eta()));
    }

    /** When a confirmed pledge that has not been dispatched becomes a no-show. */
    public Instant noShowAt(Pledge pledge) {
        return pledge.eta().plus(rules.noShowGrace());
    }

    @Override
    public Ledger evolve(Ledger ledger, PledgeEvent event) {
        return switch (event) {
            case PledgeReserved e -> ledger.with(e.needId(), new Pledge(e.pledgeId(), e.donorId(), e.policy(),
                    e.requested(), e.reserved(), PledgeStatus.RESERVED, e.holdExpiresAt(), null, null, null, null,
                    0, 1));
            case PledgeConfirmed e -> update(ledger, e, p -> p.confirmed(e.method(), e.eta()));
            case PledgeDispatched e -> update(ledger, e, p -> p.dispatched(e.carrier(), e.trackingRef()));
            case PledgeDelivered e -> update(ledger, e, p -> p.delivered(e.quantityReceived()));
            case PledgeCancelled e -> update(ledger, e, p -> p.with(PledgeStatus.CANCELLED));
            case PledgeHoldExpired e -> update(ledger, e, p -> p.with(PledgeStatus.HOLD_EXPIRED));
            case PledgeNoShowMarked e -> update(ledger, e, p -> p.with(PledgeStatus.NO_SHOW));
        };
    }

    private static Ledger update(Ledger ledger, PledgeEvent event, java.util.function.UnaryOperator<Pledge> change) {
        Pledge pledge = ledger.pledges().get(event.pledgeId());
        if (pledge == null) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " of unknown pledge "
                    + event.pledgeId());
        }
        return ledger.with(event.needId(), change.apply(pledge));
    }

    private static Pledge existing(Ledger ledger, java.util.UUID pledgeId) {
        return ledger.pledge(pledgeId).orElseThrow(() -> new Rejected(PLEDGE_NOT_FOUND,
                "there is no pledge " + pledgeId + " on this need"));
    }

    private static Pledge active(Ledger ledger, java.util.UUID pledgeId, String what) {
        Pledge pledge = existing(ledger, pledgeId);
        if (!pledge.status().isActive()) {
            throw new Rejected(PLEDGE_NOT_ACTIVE, "pledge " + pledgeId + " is " + pledge.status()
                    + " and cannot be " + what);
        }
        return pledge;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

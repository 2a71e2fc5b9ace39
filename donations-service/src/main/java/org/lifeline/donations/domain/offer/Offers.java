package org.lifeline.donations.domain.offer;

import org.lifeline.donations.domain.offer.OfferCommand.AcceptOffer;
import org.lifeline.donations.domain.offer.OfferCommand.ProposeMatches;
import org.lifeline.donations.domain.offer.OfferCommand.SubmitOffer;
import org.lifeline.donations.domain.offer.OfferCommand.WithdrawOffer;
import org.lifeline.donations.domain.offer.OfferEvent.MatchProposed;
import org.lifeline.donations.domain.offer.OfferEvent.OfferAccepted;
import org.lifeline.donations.domain.offer.OfferEvent.OfferSubmitted;
import org.lifeline.donations.domain.offer.OfferEvent.OfferWithdrawn;
import org.lifeline.kernel.Decider;
import org.lifeline.kernel.Rejected;

import java.util.List;

/**
 * The offer decider. An offer is a quantity of one item that the donor places on needs, a part at a time:
 * each acceptance pledges some of what is left, until all is placed, the offer expires (available-until) or
 * the donor withdraws it. Whether the pledge fits the need is the pledge ledger's call, not the offer's.
 */
public final class Offers implements Decider<OfferCommand, Offer, OfferEvent> {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 10_000_000;
    /** Half the earth's circumference: further than any two places. */
    public static final int MAX_DISTANCE_KM = 20_000;
    public static final int MAX_TEXT = 200;

    @Override
    public Offer initialState() {
        return Offer.NONE;
    }

    @Override
    public List<OfferEvent> decide(OfferCommand command, Offer offer) {
        return switch (command) {
            case SubmitOffer c -> submit(c, offer);
            case ProposeMatches c -> !offer.exists() || offer.status(c.now()) != OfferStatus.OPEN
                    || c.proposals().isEmpty()
                    ? List.of() : List.of(new MatchProposed(offer.offerId(), c.proposals()));
            case AcceptOffer c -> accept(c, offer);
            case WithdrawOffer c when !offer.exists() -> throw unknown();
            case WithdrawOffer c -> offer.withdrawn() ? List.of() : List.of(new OfferWithdrawn(offer.offerId()));
        };
    }

    private static List<OfferEvent> submit(SubmitOffer c, Offer offer) {
        if (offer.exists()) {
            throw new Rejected("offer-exists", "offer " + c.offerId() + " was already submitted");
        }
        if (c.quantity() < MIN_QUANTITY || c.quantity() > MAX_QUANTITY) {
            throw new Rejected("invalid-quantity", "the quantity must be " + MIN_QUANTITY + "–" + MAX_QUANTITY);
        }
        if (isBlank(c.item()) || isBlank(c.unit())) {
            throw new Rejected("invalid-item", "an offer names its item and unit in 1–" + MAX_TEXT + " characters");
        }
        if (c.sector() == null || c.location() == null || !c.location().inRange()) {
            throw new Rejected("invalid-location", "an offer has a sector and a location in WGS84 degrees");
        }
        if (c.availableUntil() != null && !c.availableUntil().isAfter(c.now())) {
            throw new Rejected("available-until-in-past", "available-until must be in the future");
        }
        if (c.maxDistanceKm() != null && (c.maxDistanceKm() < 1 || c.maxDistanceKm() > MAX_DISTANCE_KM)) {
            throw new Rejected("invalid-max-distance", "the maximum distance must be 1–" + MAX_DISTANCE_KM + " km");
        }
        return List.of(new OfferSubmitted(c.offerId(), c.donorId(), c.sector(), c.item().strip(), c.unit().strip(),
                c.quantity(), c.location(), c.availableUntil(), c.maxDistanceKm()));
    }

    private static List<OfferEvent> accept(AcceptOffer c, Offer offer) {
        if (!offer.exists()) {
            throw unknown();
        }
        switch (offer.status(c.now())) {
            case WITHDRAWN -> throw new Rejected("offer-withdrawn", "the offer was withdrawn");
            case PLACED -> throw new Rejected("offer-placed", "all of the offer is already pledged");
            case EXPIRED -> throw new Rejected("offer-expired", "the offer was available until "
                    + offer.availableUntil());
            default -> { }
        }
        if (c.quantity() < MIN_QUANTITY) {
            throw new Rejected("invalid-quantity", "the quantity must be at least " + MIN_QUANTITY);
        }
        if (c.quantity() > offer.remaining()) {
            throw new Rejected("offer-quantity-exceeded", "only " + offer.remaining() + " " + offer.unit()
                    + " of the offer are left to place");
        }
        return List.of(new OfferAccepted(offer.offerId(), c.needId(), c.pledgeId(), c.quantity()));
    }

    @Override
    public Offer evolve(Offer offer, OfferEvent event) {
        return switch (event) {
            case OfferSubmitted e -> new Offer(e.offerId(), e.donorId(), e.sector(), e.item(), e.unit(), e.quantity(),
                    0, e.location(), e.availableUntil(), e.maxDistanceKm(), false);
            case MatchProposed e -> offer;
            case OfferAccepted e -> offer.with(offer.placed() + e.quantity(), offer.withdrawn());
            case OfferWithdrawn e -> offer.with(offer.placed(), true);
        };
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank() || text.strip().length() > MAX_TEXT;
    }

    private static Rejected unknown() {
        return new Rejected("unknown-offer", "there is no such offer");
    }
}

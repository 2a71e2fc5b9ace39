package org.lifeline.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lifeline.contracts.need.NeedCancelled;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedDeadlineChanged;
import org.lifeline.contracts.need.NeedExpired;
import org.lifeline.contracts.need.NeedMarkedStale;
import org.lifeline.contracts.need.NeedOverSubscribed;
import org.lifeline.contracts.need.NeedQuantityRevised;
import org.lifeline.contracts.need.NeedReconfirmed;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.contracts.matchpool.MatchPoolClosed;
import org.lifeline.contracts.offer.MatchProposed;
import org.lifeline.contracts.offer.OfferAccepted;
import org.lifeline.contracts.offer.OfferSubmitted;
import org.lifeline.contracts.offer.OfferWithdrawn;
import org.lifeline.contracts.pledge.PledgeCancelled;
import org.lifeline.contracts.pledge.PledgeDispatched;
import org.lifeline.contracts.pledge.PledgeHoldExpired;
import org.lifeline.contracts.pledge.PledgeNoShowMarked;
import org.lifeline.contracts.pledge.PledgeRejected;

/**
 * A campaign with every kind of event the feed reads (and offers, which it must not show), donors with payment
 * references, an APPROXIMATE site given with more precision than the public may see, a few redeliveries and
 * streams sent out of their causal order. Used by the privacy scan and the rebuild test.
 */
public final class MixedStory {

    public final Scenario s;
    public final List<FeedEvents.Event> events = new ArrayList<>();
    public final List<UUID> donors = new ArrayList<>();
    public final List<String> paymentRefs = new ArrayList<>();
    public final UUID approximateNeed = UUID.randomUUID();
    /** Coordinates that must never be shown: the APPROXIMATE site unrounded, and the donor's offer location. */
    public final List<String> secretCoordinates = List.of("31.0612345", "103.4987654", "30.987654", "104.123456");

    public MixedStory(Instant start) {
        s = new Scenario(start);
        UUID donorA = donor();
        UUID donorB = donor();
        UUID donorC = donor();
        UUID a = approximateNeed;
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        UUID p3 = UUID.randomUUID();
        UUID p4 = UUID.randomUUID();
        UUID p5 = UUID.randomUUID();
        UUID p6 = UUID.randomUUID();
        UUID pool = UUID.randomUUID();
        UUID pool2 = UUID.randomUUID();
        UUID d1 = UUID.randomUUID();
        UUID d2 = UUID.randomUUID();
        UUID offer = UUID.randomUUID();
        String ref1 = "wxpay-" + UUID.randomUUID();
        String ref2 = "alipay-" + UUID.randomUUID();
        paymentRefs.add(ref1);
        paymentRefs.add(ref2);

        add(s.opened("Mixed story"), s.revised("Mixed story, revised"), s.post(UUID.randomUUID(), "First update"));
        add(s.need(a, "quantity", 40, "urgency", "HIGH",
                        "site", Scenario.site("A private courtyard", 31.0612345, 103.4987654, "APPROXIMATE")),
                s.need(b, "quantity", 20, "sector", "WSH"), s.need(c, "quantity", 10, "sector", "FSC"),
                s.need(d, "quantity", 5, "sector", "HEA", "urgency", "MEDIUM"));
        // Need A: a pledge delivered short, revisions, freshness.
        add(s.pledgeReserved(a, p1, donorA, 40), s.reservedOnNeed(a, p1, 40),
                s.pledgeConfirmed(a, p1),
                s.pledgeEvent(PledgeDispatched.TYPE, a, p1),
                s.pledgeDelivered(a, p1, 30, 10), s.deliveredOnNeed(a, p1, 30), s.releasedOnNeed(a, p1, 10),
                s.needEvent(NeedQuantityRevised.TYPE, a, "from", 40, "to", 25),
                s.needEvent(NeedOverSubscribed.TYPE, a, "requested", 25, "reserved", 30),
                s.needEvent(NeedReprioritized.TYPE, a, "from", "HIGH", "to", "CRITICAL"),
                s.needEvent(NeedDeadlineChanged.TYPE, a, "from", null, "to", Instant.parse("2027-01-10T00:00:00Z")),
                s.needEvent(NeedMarkedStale.TYPE, a, "lastConfirmedAt", s.now()),
                s.needEvent(NeedReconfirmed.TYPE, a, "at", s.now()));
        // Need B: a hold expires, an attempt is rejected, the need is cancelled.
        add(s.pledgeReserved(b, p2, donorB, 15), s.reservedOnNeed(b, p2, 15),
                s.pledgeEvent(PledgeHoldExpired.TYPE, b, p2, "released", 15), s.releasedOnNeed(b, p2, 15),
                s.event(PledgeRejected.TYPE, p3, Scenario.fields("pledgeId", p3, "needId", b, "donorId", donorC,
                        "requested", 30, "outstanding", 20)),
                s.needEvent(NeedCancelled.TYPE, b, "reserved", 0));
        // Need C: cancelled and no-show pledges, then it expires.
        add(s.pledgeReserved(c, p4, donorC, 5), s.reservedOnNeed(c, p4, 5),
                s.pledgeEvent(PledgeCancelled.TYPE, c, p4, "released", 5, "reason", null), s.releasedOnNeed(c, p4, 5),
                s.pledgeReserved(c, p5, donorB, 3), s.reservedOnNeed(c, p5, 3), s.pledgeConfirmed(c, p5),
                s.pledgeEvent(PledgeNoShowMarked.TYPE, c, p5, "released", 3, "eta", s.now()),
                s.releasedOnNeed(c, p5, 3),
                s.needEvent(NeedExpired.TYPE, c, "reserved", 0));
        // Need D: fully pledged, delivered, fulfilled and closed.
        add(s.pledgeReserved(d, p6, donorA, 5), s.reservedOnNeed(d, p6, 5), s.pledgeDelivered(d, p6, 5, 0),
                s.deliveredOnNeed(d, p6, 5), s.fulfilled(d, 5, 5),
                s.needEvent(NeedClosed.TYPE, d, "requested", 5, "reserved", 5, "delivered", 5));
        // Money: a match, a refund that gives its match back, a pool spent, another closed.
        add(s.poolOpened(pool, 3_000), s.donation(d1, donorA, 3_000, ref1),
                s.matchApplied(pool, d1, donorA, 3_000, 0), s.poolExhausted(pool),
                s.donation(d2, donorB, 1_000, ref2), s.refund(d2, 1_000),
                s.poolOpened(pool2, 9_000), s.matchApplied(pool2, d2, donorB, 1_000, 8_000),
                s.matchReversed(pool2, d2, 1_000, 9_000),
                s.event(MatchPoolClosed.TYPE, pool2, Scenario.fields("matchPoolId", pool2, "campaignId",
                        s.campaignId, "remaining", Scenario.money(9_000))));
        // An offer (private to its donor: never projected).
        add(s.event(OfferSubmitted.TYPE, offer, Scenario.fields("offerId", offer, "donorId", donorC,
                        "location", Scenario.fields("lat", 30.987654, "lon", 104.123456))),
                s.event(MatchProposed.TYPE, offer, Scenario.fields("offerId", offer, "proposals", List.of())),
                s.event(OfferAccepted.TYPE, offer, Scenario.fields("offerId", offer, "needId", a,
                        "pledgeId", UUID.randomUUID(), "quantity", 1)),
                s.event(OfferWithdrawn.TYPE, offer, Scenario.fields("offerId", offer)));
        add(s.post(UUID.randomUUID(), "Second update"), s.closed());
        // Redeliveries (same ce_id), and the money stream before the campaign it belongs to.
        events.add(events.get(5).again());
        events.add(events.get(20).again());
        List<FeedEvents.Event> money = events.stream().filter(e -> e.topic().endsWith("donations.v1")
                && (e.type().contains(".donation.") || e.type().contains(".match-pool."))).toList();
        events.removeAll(money);
        events.addAll(0, money);
    }

    private UUID donor() {
        UUID donor = UUID.randomUUID();
        donors.add(donor);
        return donor;
    }

    private void add(FeedEvents.Event... more) {
        events.addAll(List.of(more));
    }
}

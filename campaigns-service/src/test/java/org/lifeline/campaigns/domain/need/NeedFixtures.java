package org.lifeline.campaigns.domain.need;

import org.lifeline.kernel.testing.DeciderSpec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Shared names and past events for the need decider's tests. */
final class NeedFixtures {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final UUID NEED = UUID.fromString("00000000-0000-0000-0000-00000000aaaa");
    static final UUID CAMPAIGN = UUID.fromString("00000000-0000-0000-0000-00000000cccc");
    static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-00000000eeee");
    static final UUID PLEDGE_A = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID PLEDGE_B = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    static final UUID PLEDGE_C = UUID.fromString("00000000-0000-0000-0000-0000000000c3");
    static final Site SCHOOL = new Site("Ya'an No. 2 Middle School", 29.98, 103.0, Privacy.EXACT);

    private NeedFixtures() {
    }

    /** The decider with the default periods and a clock stopped at {@code now}. */
    static DeciderSpec<NeedCommand, Need, NeedEvent> needsAt(Instant now) {
        return DeciderSpec.of(new Needs(Freshness.DEFAULT, Clock.fixed(now, ZoneOffset.UTC)));
    }

    static DeciderSpec<NeedCommand, Need, NeedEvent> needs() {
        return needsAt(T0);
    }

    static Instant hoursAfterPosting(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    static PostNeed postTents(int quantity) {
        return new PostNeed(NEED, CAMPAIGN, ORG, Sector.SHL, "family tent", "piece", quantity, Urgency.HIGH, SCHOOL, null);
    }

    static NeedPosted posted(int quantity) {
        return postedNeededBy(quantity, null);
    }

    static NeedPosted postedNeededBy(int quantity, Instant neededBy) {
        return new NeedPosted(NEED, CAMPAIGN, ORG, Sector.SHL, "family tent", "piece", quantity, Urgency.HIGH, SCHOOL,
                neededBy, T0);
    }

    static NeedQuantityReserved reserved(UUID pledge, int quantity) {
        return new NeedQuantityReserved(NEED, pledge, quantity);
    }

    static NeedReservationReleased released(UUID pledge, int quantity) {
        return new NeedReservationReleased(NEED, pledge, quantity);
    }

    static NeedDeliveryRecorded delivered(UUID pledge, int quantity) {
        return new NeedDeliveryRecorded(NEED, pledge, quantity);
    }
}

package org.lifeline.donations.domain.pledge;

import org.lifeline.donations.domain.need.NeedCapacity;
import org.lifeline.donations.domain.need.NeedStatus;
import org.lifeline.donations.domain.pledge.PledgeCommand.ReservePledge;
import org.lifeline.kernel.testing.DeciderSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A need, its pledges and donors, and the decider with a 48 h hold and a 4 h grace. */
final class PledgeFixtures {

    static final UUID NEED = UUID.fromString("c4a8e2f1-9d3b-4c6a-b5e7-1f0a3d8c2e46");
    static final UUID CAMPAIGN = UUID.fromString("8d2f6c41-5a3e-4b7f-8e19-6c0d2a4b9f15");
    static final UUID ORG = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c61-2d5e8f0a1b23");
    static final UUID DONOR = UUID.fromString("2b6e8d14-3f7a-4c9e-b1d5-7a0f2e9c4b86");
    static final UUID PLEDGE_A = UUID.fromString("a7f3c9e2-6b1d-4f58-8a2e-9d4c0b7e1f63");
    static final UUID PLEDGE_B = UUID.fromString("0d7e3b95-6a1c-4f82-b9e4-3c5a8f2d1e07");
    static final UUID PLEDGE_C = UUID.fromString("5e1a9c37-2b8d-4f60-a4c2-8d3f1e7b9a25");
    static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    static final Duration HOLD = Duration.ofHours(48);
    static final Duration GRACE = Duration.ofHours(4);
    static final Instant HOLD_EXPIRES = NOW.plus(HOLD);
    static final Instant ETA = NOW.plus(Duration.ofHours(24));

    private PledgeFixtures() {
    }

    static Pledges decider() {
        return new Pledges(new PledgeRules(HOLD, GRACE));
    }

    static DeciderSpec<PledgeCommand, Ledger, PledgeEvent> pledges() {
        return DeciderSpec.of(decider());
    }

    static NeedCapacity need(int requested) {
        return need(requested, NeedStatus.OPEN);
    }

    static NeedCapacity need(int requested, NeedStatus status) {
        return new NeedCapacity(NEED, CAMPAIGN, ORG, requested, status);
    }

    static ReservePledge reserve(UUID pledgeId, int quantity, Policy policy, NeedCapacity need) {
        return new ReservePledge(pledgeId, need, DONOR, quantity, policy, null, NOW);
    }

    static PledgeReserved reserved(UUID pledgeId, int requested, int reserved, Policy policy) {
        return new PledgeReserved(pledgeId, NEED, CAMPAIGN, ORG, DONOR, requested, reserved, policy, HOLD_EXPIRES,
                null);
    }

    static PledgeReserved reserved(UUID pledgeId, int quantity) {
        return reserved(pledgeId, quantity, quantity, Policy.ALL_OR_NOTHING);
    }

    static PledgeConfirmed confirmed(UUID pledgeId) {
        return new PledgeConfirmed(pledgeId, NEED, DeliveryMethod.SHIPMENT, ETA);
    }

    static PledgeDispatched dispatched(UUID pledgeId) {
        return new PledgeDispatched(pledgeId, NEED, "SF Express", "SF1402837465921");
    }
}

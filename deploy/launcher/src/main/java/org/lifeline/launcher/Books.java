package org.lifeline.launcher;

import java.util.Map;
import java.util.UUID;

/**
 * What one side says about every need, campaign, pledge and donation: the event stores (folded from their
 * events) or the relief feed (read from its read models). {@link Reconciliation} compares two of them.
 */
record Books(Map<UUID, NeedFigures> needs, Map<UUID, CampaignFigures> campaigns, Map<UUID, PledgeFigures> pledges,
        Map<UUID, Integer> donations) {

    Books {
        needs = Map.copyOf(needs);
        campaigns = Map.copyOf(campaigns);
        pledges = Map.copyOf(pledges);
        donations = Map.copyOf(donations);
    }

    /** A need's figures as the API shows them; {@code outstanding} may be negative while over-subscribed. */
    record NeedFigures(String item, int requested, int reserved, int delivered, int outstanding, String status) {
    }

    /** A campaign's status, money per currency (raised = received − refunded, matched net of reversals) and donors. */
    record CampaignFigures(String status, Map<String, Long> raised, Map<String, Long> matched, long donors) {

        CampaignFigures {
            raised = Map.copyOf(raised);
            matched = Map.copyOf(matched);
        }
    }

    /**
     * A pledge (or a rejected pledge attempt): its status, what it reserved, and how many times its opening event
     * (PledgeReserved or PledgeRejected) is recorded: once in a healthy store, once in a healthy feed log.
     */
    record PledgeFigures(String status, int reserved, int recorded) {
    }
}

package org.lifeline.donations.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.application.PledgeCommandHandler.NewPledge;
import org.lifeline.donations.application.PledgeCommandHandler.Reservation;
import org.lifeline.donations.offer.PledgePlacer;

import java.util.UUID;

/** Accepting an offer places its pledge on the need's ledger, under the same rules as {@code POST /api/v1/pledges}. */
@ApplicationScoped
public class LedgerPledgePlacer implements PledgePlacer {

    private final PledgeCommandHandler pledges;

    public LedgerPledgePlacer(PledgeCommandHandler pledges) {
        this.pledges = pledges;
    }

    @Override
    public Uni<Void> awaitNeed(UUID needId) {
        return pledges.awaitNeed(needId);
    }

    @Override
    public Uni<Placement> place(SqlConnection tx, PledgeOrder order) {
        NewPledge pledge = new NewPledge(order.pledgeId(), order.needId(), order.quantity(), order.policy(),
                order.offerId(), null);
        return pledges.reserve(tx, pledge, order.donorId(), order.metadata()).map(reservation -> switch (reservation) {
            case Reservation.Accepted accepted -> new Placed(accepted.pledge().id(), accepted.pledge().reserved(),
                    accepted.pledge());
            case Reservation.Refused refused -> new Refused(PledgeCommandHandler.refusal(refused.rejection()));
        });
    }
}

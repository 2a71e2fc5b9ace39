package org.lifeline.donations.offer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.lifeline.donations.domain.pledge.Policy;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.support.Problem;

import java.util.Objects;
import java.util.UUID;

/**
 * The pledge ledger, as accepting an offer uses it: reserves a quantity of a need for a donor under the
 * same rules as {@code POST /api/v1/pledges}, on the offer command's transaction, so the pledge and the
 * offer's OfferAccepted commit together (or not at all).
 *
 * <p>An implementation loads the need's ledger on {@code tx}, decides, appends at the version it read
 * (a {@code ConcurrencyConflict} when another pledge got there first: the caller's command executor
 * runs the whole command again), writes its read models on {@code tx}, and answers what happened. A
 * pledge the ledger refuses is answered as {@link Refused}, not thrown, so that what the ledger records
 * for it (PledgeRejected on its {@code pledge-attempt} stream) commits with the transaction.
 */
public interface PledgePlacer {

    /**
     * What to reserve: {@code quantity} of need {@code needId} for {@code donorId} under {@code policy}, as
     * pledge {@code pledgeId} (PledgeReserved.offerId = {@code offerId}), with the event metadata to use.
     */
    record PledgeOrder(UUID pledgeId, UUID needId, UUID donorId, int quantity, Policy policy, UUID offerId,
                       EventMetadata metadata) {
        public PledgeOrder {
            Objects.requireNonNull(pledgeId, "pledgeId");
            Objects.requireNonNull(needId, "needId");
            Objects.requireNonNull(donorId, "donorId");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(offerId, "offerId");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** What the ledger did with the order. */
    sealed interface Placement permits Placed, Refused { }

    /**
     * Reserved: {@code reserved} (≤ the order's quantity, > 0) is held for the pledge; {@code pledge} is
     * the body {@code POST /api/v1/pledges} answers with its 201 (written as JSON as it is).
     */
    record Placed(UUID pledgeId, int reserved, Object pledge) implements Placement { }

    /**
     * Not reserved, answered as {@code POST /api/v1/pledges} would: {@code problem} is a 409 when it does not
     * fit or nothing is outstanding, a 422 when the need is not open, with {@code outstanding}.
     */
    record Refused(Problem problem) implements Placement { }

    /**
     * Waits a bounded time for a need the ledger has not heard of yet (just posted in campaigns-service);
     * called before the command's transaction begins, so nothing is held meanwhile. Completes either way:
     * {@link #place} then finds the need or not.
     */
    Uni<Void> awaitNeed(UUID needId);

    Uni<Placement> place(SqlConnection tx, PledgeOrder order);
}

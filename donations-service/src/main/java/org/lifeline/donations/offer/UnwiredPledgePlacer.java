package org.lifeline.donations.offer;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.support.ProblemException;

import java.util.Map;

/**
 * Stands in for the pledge ledger until a {@link PledgePlacer} bean backed by it exists (any other
 * {@code PledgePlacer} bean replaces this one): accepting an offer answers 503.
 */
@ApplicationScoped
@DefaultBean
public class UnwiredPledgePlacer implements PledgePlacer {

    @Override
    public Uni<Placement> place(SqlConnection tx, PledgeOrder order) {
        return Uni.createFrom().failure(new ProblemException(503, "Service Unavailable",
                "Offers cannot be turned into pledges yet: the pledge ledger is not connected.",
                Map.of()));
    }
}

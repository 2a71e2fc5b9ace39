package org.lifeline.donations.offer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.lifeline.contracts.pledge.PledgePolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pledge ledger for the offer tests, with the ledger's rules in small: ALL_OR_NOTHING reserves all or
 * is refused (409 with the outstanding quantity), PARTIAL reserves what fits. Remembers the orders.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakePledgePlacer implements PledgePlacer {

    private final Map<UUID, Integer> outstanding = new ConcurrentHashMap<>();
    private final List<PledgeOrder> orders = new CopyOnWriteArrayList<>();

    public void outstanding(UUID needId, int quantity) {
        outstanding.put(needId, quantity);
    }

    public List<PledgeOrder> orders(UUID needId) {
        return orders.stream().filter(order -> order.needId().equals(needId)).toList();
    }

    @Override
    public synchronized Uni<Placement> place(SqlConnection tx, PledgeOrder order) {
        orders.add(order);
        int left = outstanding.getOrDefault(order.needId(), 0);
        int reserved = order.policy() == PledgePolicy.PARTIAL ? Math.min(left, order.quantity())
                : order.quantity() <= left ? order.quantity() : 0;
        if (reserved == 0) {
            return Uni.createFrom().item(new Refused(409, "does-not-fit", "Conflict",
                    "Only " + left + " are outstanding.", Map.of("outstanding", left)));
        }
        outstanding.put(order.needId(), left - reserved);
        Map<String, Object> pledge = new LinkedHashMap<>();
        pledge.put("id", order.pledgeId());
        pledge.put("needId", order.needId());
        pledge.put("requested", order.quantity());
        pledge.put("reserved", reserved);
        pledge.put("status", "RESERVED");
        pledge.put("version", 1);
        return Uni.createFrom().item(new Placed(order.pledgeId(), reserved, pledge));
    }
}

package org.lifeline.donations.offer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.lifeline.donations.domain.offer.NeedCandidate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open needs the offer tests set up directly (the real ones come from the pledge ledger's view of needs:
 * {@link NeedCapacityOpenNeeds}, tested on its own in NeedCapacityOpenNeedsTest).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeOpenNeeds implements OpenNeeds {

    private final Map<UUID, NeedCandidate> needs = new ConcurrentHashMap<>();

    public void put(NeedCandidate need) {
        needs.put(need.needId(), need);
    }

    @Override
    public Uni<List<NeedCandidate>> all() {
        return Uni.createFrom().item(List.copyOf(needs.values()));
    }

    @Override
    public Uni<Optional<NeedCandidate>> find(SqlClient client, UUID needId) {
        return Uni.createFrom().item(Optional.ofNullable(needs.get(needId)).filter(need -> need.outstanding() > 0));
    }
}

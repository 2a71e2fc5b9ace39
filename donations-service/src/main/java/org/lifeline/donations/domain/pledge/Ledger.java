package org.lifeline.donations.domain.pledge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A need's pledge ledger: every pledge reserved on it, in the order they were reserved. The sum of
 * their holdings never exceeds the need's requested quantity when they were reserved.
 */
public record Ledger(UUID needId, Map<UUID, Pledge> pledges) {

    /** The ledger of a need nobody has pledged to yet. */
    public static final Ledger EMPTY = new Ledger(null, Map.of());

    public Ledger {
        pledges = Collections.unmodifiableMap(new LinkedHashMap<>(pledges));
    }

    /** What the need's pledges hold: reserved by active ones plus received by delivered ones. */
    public int held() {
        return pledges.values().stream().mapToInt(Pledge::holding).sum();
    }

    /** What is left to pledge on a need asking for {@code requested}; never negative. */
    public int outstanding(int requested) {
        return Math.max(0, requested - held());
    }

    public Optional<Pledge> pledge(UUID pledgeId) {
        return Optional.ofNullable(pledges.get(pledgeId));
    }

    Ledger with(UUID ledgerNeedId, Pledge pledge) {
        Map<UUID, Pledge> next = new LinkedHashMap<>(pledges);
        next.put(pledge.pledgeId(), pledge);
        return new Ledger(ledgerNeedId, next);
    }
}

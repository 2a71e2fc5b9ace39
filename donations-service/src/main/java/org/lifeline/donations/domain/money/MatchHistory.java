package org.lifeline.donations.domain.money;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The matches a pool gave and took back, newest first, as a persistent list: folding an event adds
 * one cell without copying, so replaying a pool with many donations stays linear.
 */
public final class MatchHistory {

    public static final MatchHistory EMPTY = new MatchHistory(null, null);

    /** One entry of the history. */
    public sealed interface Entry {
        UUID donationId();
    }

    /** The donation of {@code donorId} took {@code matched}. */
    public record Applied(UUID donationId, UUID donorId, long matched) implements Entry { }

    /** The donation's match was given back. */
    public record Reversed(UUID donationId) implements Entry { }

    private final Entry entry;
    private final MatchHistory older;

    private MatchHistory(Entry entry, MatchHistory older) {
        this.entry = entry;
        this.older = older;
    }

    public MatchHistory with(Entry newest) {
        return new MatchHistory(newest, this);
    }

    /** Whether this pool ever matched the donation (a donation takes at most one match from a pool). */
    public boolean hasMatched(UUID donationId) {
        for (MatchHistory at = this; at.entry != null; at = at.older) {
            if (at.entry instanceof Applied applied && applied.donationId().equals(donationId)) {
                return true;
            }
        }
        return false;
    }

    /** The match the donation holds now: empty when it never had one here, or gave it back. */
    public OptionalLong activeMatch(UUID donationId) {
        for (MatchHistory at = this; at.entry != null; at = at.older) {
            if (!at.entry.donationId().equals(donationId)) {
                continue;
            }
            // Newest first: a reversal is met before the match it reversed.
            return at.entry instanceof Applied applied ? OptionalLong.of(applied.matched()) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** What the donor's donations hold from this pool now (matches not given back), for the per-donor cap. */
    public long heldBy(UUID donorId) {
        Set<UUID> reversed = new HashSet<>();
        long held = 0;
        for (MatchHistory at = this; at.entry != null; at = at.older) {
            switch (at.entry) {
                case Reversed r -> reversed.add(r.donationId());
                case Applied a when a.donorId().equals(donorId) && !reversed.contains(a.donationId()) ->
                        held += a.matched();
                case Applied a -> { }
            }
        }
        return held;
    }
}

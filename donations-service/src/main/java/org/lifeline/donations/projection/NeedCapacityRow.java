package org.lifeline.donations.projection;

import org.lifeline.donations.domain.need.NeedCapacity;

/**
 * A row of {@code need_capacity}: the need as the ledger sees it, what the ledger holds, and the
 * row's revision that every ledger write moves on (compare-and-set).
 */
public record NeedCapacityRow(NeedCapacity capacity, int reserved, long ledgerVersion, long revision) {
}

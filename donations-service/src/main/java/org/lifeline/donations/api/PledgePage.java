package org.lifeline.donations.api;

import org.lifeline.donations.projection.PledgeView;

import java.util.List;

/** A page of pledges; {@code nextCursor} is null on the last page. */
public record PledgePage(List<PledgeView> items, String nextCursor) {
}

package org.lifeline.feed.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.Privacy;
import org.lifeline.contracts.Sector;
import org.lifeline.contracts.Site;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedDeliveryRecorded;
import org.lifeline.contracts.need.NeedFulfilled;
import org.lifeline.contracts.need.NeedMarkedStale;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedQuantityReserved;
import org.lifeline.contracts.need.NeedQuantityRevised;
import org.lifeline.contracts.need.NeedReconfirmed;
import org.lifeline.contracts.need.NeedReservationReleased;
import org.lifeline.contracts.need.Urgency;

class NeedListingsTest {

    private static final UUID NEED = UUID.randomUUID();
    private static final UUID PLEDGE = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

    private static NeedListing posted(int quantity, Site site) {
        return NeedListings.posted(new NeedPosted(NEED, UUID.randomUUID(), UUID.randomUUID(), Sector.SHL, "Tent",
                "tent", quantity, Urgency.HIGH, site, null, T0), T0, 1);
    }

    private static NeedListing posted(int quantity) {
        return posted(quantity, new Site("School", 31.06, 103.49, Privacy.EXACT));
    }

    private static NeedListings.Change apply(NeedListing need, Object event) {
        return NeedListings.evolve(need, event, T0.plusSeconds(need.version()), need.version() + 1);
    }

    @Test
    void reserving_what_is_requested_makes_the_need_fully_pledged_once() {
        NeedListings.Change first = apply(posted(100), new NeedQuantityReserved(NEED, PLEDGE, 60));
        assertThat(first.listing().status()).isEqualTo(NeedStatus.OPEN);
        assertThat(first.listing().outstanding()).isEqualTo(40);
        assertThat(first.milestones()).isEmpty();

        NeedListings.Change full = apply(first.listing(), new NeedQuantityReserved(NEED, UUID.randomUUID(), 40));
        assertThat(full.listing().status()).isEqualTo(NeedStatus.FULLY_PLEDGED);
        assertThat(full.milestones()).containsExactly(NeedListings.Milestone.NEED_FULLY_PLEDGED);

        NeedListings.Change delivered = apply(full.listing(), new NeedDeliveryRecorded(NEED, PLEDGE, 60));
        assertThat(delivered.listing().status()).isEqualTo(NeedStatus.FULLY_PLEDGED);
        assertThat(delivered.milestones()).isEmpty();
    }

    @Test
    void a_release_reopens_and_a_lower_request_fills_again() {
        NeedListing full = apply(posted(10), new NeedQuantityReserved(NEED, PLEDGE, 10)).listing();
        NeedListings.Change released = apply(full, new NeedReservationReleased(NEED, PLEDGE, 4));
        assertThat(released.listing().status()).isEqualTo(NeedStatus.OPEN);
        assertThat(released.listing().reserved()).isEqualTo(6);

        NeedListings.Change revised = apply(released.listing(), new NeedQuantityRevised(NEED, 10, 5));
        assertThat(revised.listing().status()).isEqualTo(NeedStatus.FULLY_PLEDGED);
        assertThat(revised.listing().outstanding()).isEqualTo(-1);
        assertThat(revised.milestones()).containsExactly(NeedListings.Milestone.NEED_FULLY_PLEDGED);
    }

    @Test
    void fulfilment_is_a_milestone_and_ends_the_counting_of_status() {
        NeedListing need = apply(posted(5), new NeedQuantityReserved(NEED, PLEDGE, 5)).listing();
        need = apply(need, new NeedDeliveryRecorded(NEED, PLEDGE, 5)).listing();
        NeedListings.Change fulfilled = apply(need, new NeedFulfilled(NEED, 5, 5));
        assertThat(fulfilled.listing().status()).isEqualTo(NeedStatus.FULFILLED);
        assertThat(fulfilled.milestones()).containsExactly(NeedListings.Milestone.NEED_FULFILLED);

        NeedListing released = apply(fulfilled.listing(), new NeedReservationReleased(NEED, PLEDGE, 0)).listing();
        assertThat(released.status()).isEqualTo(NeedStatus.FULFILLED);
        assertThat(apply(released, new NeedClosed(NEED, 5, 5, 5)).listing().status()).isEqualTo(NeedStatus.CLOSED);
    }

    @Test
    void staleness_follows_the_freshness_events() {
        NeedListing stale = apply(posted(5), new NeedMarkedStale(NEED, T0)).listing();
        assertThat(stale.stale()).isTrue();
        assertThat(apply(stale, new NeedReconfirmed(NEED, T0)).listing().stale()).isFalse();
    }

    @Test
    void an_approximate_site_is_rounded_to_the_hundredth_of_a_degree() {
        NeedListing need = posted(5, new Site("A courtyard", 31.0650001, -103.4949999, Privacy.APPROXIMATE));
        assertThat(List.of(need.site().lat(), need.site().lon())).containsExactly(31.07, -103.49);
        NeedListing exact = posted(5, new Site("School", 31.0650001, 103.4949999, Privacy.EXACT));
        assertThat(exact.site().lat()).isEqualTo(31.0650001);
    }

    @Test
    void the_listing_carries_the_version_and_time_of_its_latest_event() {
        NeedListing need = apply(posted(5), new NeedQuantityReserved(NEED, PLEDGE, 1)).listing();
        assertThat(need.version()).isEqualTo(2);
        assertThat(need.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(need.postedAt()).isEqualTo(T0);
    }
}

package org.lifeline.campaigns.domain.need;

import org.junit.jupiter.api.Test;
import org.lifeline.kernel.testing.DeciderSpec;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.campaigns.domain.need.NeedFixtures.*;

/** The sweep marks needs nobody reconfirmed as stale, and expires them past their date or after 72 h. */
class NeedsFreshnessTest {

    @Test
    void a_need_confirmed_less_than_24_hours_ago_is_left_alone() {
        needs().given(posted(500))
                .when(new CheckFreshness(NEED, T0.plus(Duration.ofHours(24)).minusSeconds(1)))
                .thenNothing();
    }

    @Test
    void a_need_unconfirmed_for_24_hours_is_marked_stale() {
        Need need = needs().given(posted(500))
                .when(new CheckFreshness(NEED, hoursAfterPosting(24)))
                .then(new NeedMarkedStale(NEED, T0));

        assertThat(need.stale()).isTrue();
        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
    }

    @Test
    void a_stale_need_is_not_marked_stale_again() {
        needs().given(posted(500), new NeedMarkedStale(NEED, T0))
                .when(new CheckFreshness(NEED, hoursAfterPosting(50)))
                .thenNothing();
    }

    @Test
    void a_need_unconfirmed_for_72_hours_expires_and_announces_what_donations_must_release() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 120), new NeedMarkedStale(NEED, T0))
                .when(new CheckFreshness(NEED, hoursAfterPosting(72)))
                .then(new NeedExpired(NEED, ExpiryReason.UNCONFIRMED, 120));

        assertThat(need.status()).isEqualTo(NeedStatus.EXPIRED);
    }

    @Test
    void a_need_past_its_needed_by_date_expires() {
        Need need = needs().given(postedNeededBy(500, hoursAfterPosting(12)), reserved(PLEDGE_A, 100))
                .when(new CheckFreshness(NEED, hoursAfterPosting(12).plusSeconds(1)))
                .then(new NeedExpired(NEED, ExpiryReason.PAST_NEEDED_BY, 100));

        assertThat(need.status()).isEqualTo(NeedStatus.EXPIRED);
    }

    @Test
    void a_need_is_still_live_at_the_very_moment_it_is_needed_by() {
        needs().given(postedNeededBy(500, hoursAfterPosting(12)))
                .when(new CheckFreshness(NEED, hoursAfterPosting(12)))
                .thenNothing();
    }

    @Test
    void a_fully_pledged_need_ages_like_an_open_one() {
        needs().given(posted(500), reserved(PLEDGE_A, 500))
                .when(new CheckFreshness(NEED, hoursAfterPosting(72)))
                .then(new NeedExpired(NEED, ExpiryReason.UNCONFIRMED, 500));
    }

    @Test
    void reconfirming_restarts_the_count_towards_stale_and_expiry() {
        var reconfirmedAt = hoursAfterPosting(48);
        var history = new NeedEvent[] {posted(500), new NeedMarkedStale(NEED, T0), new NeedReconfirmed(NEED, reconfirmedAt)};

        needs().given(history).when(new CheckFreshness(NEED, hoursAfterPosting(71))).thenNothing();
        needs().given(history).when(new CheckFreshness(NEED, hoursAfterPosting(80)))
                .then(new NeedMarkedStale(NEED, reconfirmedAt));
        needs().given(history).when(new CheckFreshness(NEED, hoursAfterPosting(120)))
                .then(new NeedExpired(NEED, ExpiryReason.UNCONFIRMED, 0));
    }

    @Test
    void revising_a_need_does_not_count_as_reconfirming_it() {
        needs().given(posted(500), new NeedQuantityRevised(NEED, 500, 600), new NeedReprioritized(NEED, Urgency.HIGH, Urgency.LOW))
                .when(new CheckFreshness(NEED, hoursAfterPosting(24)))
                .then(new NeedMarkedStale(NEED, T0));
    }

    @Test
    void the_periods_are_configuration() {
        var quick = DeciderSpec.of(new Needs(new Freshness(Duration.ofHours(1), Duration.ofHours(2)), Clock.fixed(T0, ZoneOffset.UTC)));

        quick.given(posted(500)).when(new CheckFreshness(NEED, hoursAfterPosting(1))).then(new NeedMarkedStale(NEED, T0));
        quick.given(posted(500)).when(new CheckFreshness(NEED, hoursAfterPosting(2)))
                .then(new NeedExpired(NEED, ExpiryReason.UNCONFIRMED, 0));
    }

    @Test
    void needs_that_are_no_longer_live_do_not_age() {
        needs().given(posted(100), new NeedClosed(NEED, 100, 0, 0)).when(new CheckFreshness(NEED, hoursAfterPosting(500))).thenNothing();
        needs().given(posted(100), new NeedCancelled(NEED, 0)).when(new CheckFreshness(NEED, hoursAfterPosting(500))).thenNothing();
        needs().given(posted(100), reserved(PLEDGE_A, 100), delivered(PLEDGE_A, 100), new NeedFulfilled(NEED, 100, 100))
                .when(new CheckFreshness(NEED, hoursAfterPosting(500))).thenNothing();
        needs().given(posted(100), new NeedExpired(NEED, ExpiryReason.UNCONFIRMED, 0))
                .when(new CheckFreshness(NEED, hoursAfterPosting(500))).thenNothing();
    }
}

package org.lifeline.feed.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypesTest {

    @Test
    void a_kind_wildcard_takes_every_type_of_that_kind_and_an_exact_type_only_itself() {
        EventTypes types = new EventTypes(List.of("need.*", "pledge.PledgeReserved"));
        assertThat(types.wants("need.NeedPosted")).isTrue();
        assertThat(types.wants("need.NeedClosed")).isTrue();
        assertThat(types.wants("pledge.PledgeReserved")).isTrue();
        assertThat(types.wants("pledge.PledgeCancelled")).isFalse();
        assertThat(types.wants("post.PostPublished")).isFalse();
        assertThat(new EventTypes(List.of("match-pool.*")).wants("match-pool.MatchPoolExhausted")).isTrue();
        assertThat(new EventTypes(List.of("post.*")).wants("postal.Anything")).isFalse();
    }

    @Test
    void repeated_patterns_are_kept_once() {
        assertThat(new EventTypes(List.of("need.*", "need.*", "post.*")).patterns()).containsExactly("need.*", "post.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"need.*", "post.*", "pledge.*", "campaign.CampaignOpened", "match-pool.*",
            "donation.DonationReceived", "need.NeedPosted"})
    void known_kinds_are_valid_patterns(String pattern) {
        assertThat(pattern).matches(EventTypes.PATTERN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "need", "need.", "need.**", "offer.*", "offer.OfferSubmitted", "need.needPosted",
            "Need.NeedPosted", "need.Need Posted", "need.*.x", ".*"})
    void other_patterns_are_invalid(String pattern) {
        assertThat(pattern).doesNotMatch(EventTypes.PATTERN);
    }
}

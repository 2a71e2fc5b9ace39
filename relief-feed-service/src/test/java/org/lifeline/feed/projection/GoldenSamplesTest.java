package org.lifeline.feed.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.contracts.IntegrationEvents;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.feed.domain.NeedListing;
import org.lifeline.feed.domain.NeedListings;
import org.lifeline.feed.infra.FeedJson;

/** The feed reads the golden sample of every integration event (docs/events.md). */
class GoldenSamplesTest {

    @Test
    void every_golden_sample_reads_into_its_record() {
        assertThat(IntegrationEvents.all()).isNotEmpty();
        for (IntegrationEvents.Contract contract : IntegrationEvents.all()) {
            assertThatCode(() -> FeedJson.read(GoldenSamples.json(contract.type()), contract.record()))
                    .as(contract.type()).doesNotThrowAnyException();
        }
    }

    @Test
    void every_need_sample_moves_a_listing() {
        NeedPosted posted = FeedJson.read(GoldenSamples.json(NeedPosted.TYPE), NeedPosted.class);
        NeedListing need = NeedListings.posted(posted, posted.postedAt(), 1);
        assertThat(need.site().lat()).isEqualTo(31.06);
        for (IntegrationEvents.Contract contract : IntegrationEvents.all()) {
            if (contract.streamType().equals("need") && !contract.type().equals(NeedPosted.TYPE)) {
                Object event = FeedJson.read(GoldenSamples.json(contract.type()), contract.record());
                assertThat(NeedListings.evolve(need, event, posted.postedAt(), 2).listing().version())
                        .as(contract.type()).isEqualTo(2);
            }
        }
    }
}

package org.lifeline.donations.offer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.Privacy;
import org.lifeline.contracts.Sector;
import org.lifeline.contracts.Site;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.Urgency;
import org.lifeline.donations.PledgeTestBase;
import org.lifeline.donations.domain.offer.Coordinates;
import org.lifeline.donations.domain.offer.NeedCandidate;
import org.lifeline.testing.LifelineTestResource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The matcher's open needs, read from the pledge ledger's view of needs fed by the campaigns topic. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class NeedCapacityOpenNeedsTest extends PledgeTestBase {

    @Inject
    NeedCapacityOpenNeeds openNeeds;

    private NeedPosted post(Privacy privacy) {
        return need(new NeedPosted(UUID.randomUUID(), UUID.randomUUID(), org, Sector.WSH,
                "Water purification tablets", "box", 400, Urgency.HIGH,
                new Site("Beichuan shelter", 31.83376, 104.46128, privacy),
                Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Instant.now()));
    }

    private Optional<NeedCandidate> find(UUID needId) {
        return openNeeds.find(pool, needId).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void an_open_need_is_a_candidate_with_all_of_it_outstanding() {
        NeedPosted posted = post(Privacy.EXACT);
        NeedCandidate candidate = find(posted.needId()).orElseThrow();
        assertThat(candidate.outstanding()).isEqualTo(400);
        assertThat(candidate.sector().name()).isEqualTo("WSH");
        assertThat(candidate.urgency().name()).isEqualTo("HIGH");
        assertThat(candidate.item()).isEqualTo("Water purification tablets");
        assertThat(candidate.site()).isEqualTo(new Coordinates(31.83376, 104.46128));
        assertThat(candidate.neededBy()).isEqualTo(posted.neededBy());
        assertThat(openNeeds.all().await().atMost(Duration.ofSeconds(10)))
                .extracting(NeedCandidate::needId).contains(posted.needId());
    }

    @Test
    void an_approximate_site_is_measured_from_its_rounded_point() {
        NeedPosted posted = post(Privacy.APPROXIMATE);
        assertThat(find(posted.needId()).orElseThrow().site()).isEqualTo(new Coordinates(31.83, 104.46));
    }

    @Test
    void a_site_of_a_privacy_this_code_does_not_know_is_measured_from_its_rounded_point() {
        NeedPosted posted = post(Privacy.UNKNOWN);
        assertThat(find(posted.needId()).orElseThrow().site()).isEqualTo(new Coordinates(31.83, 104.46));
    }

    @Test
    void a_closed_need_is_no_candidate() {
        NeedPosted posted = post(Privacy.EXACT);
        feed().publish(posted.needId(), new NeedClosed(posted.needId(), 400, 0, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> find(posted.needId()).isEmpty());
    }

    @Test
    void a_fully_pledged_need_is_found_with_nothing_outstanding_and_left_out_of_the_index() {
        NeedPosted posted = post(Privacy.EXACT);
        pledge(donor, posted.needId(), 400, null).statusCode(201);
        assertThat(find(posted.needId()).orElseThrow().outstanding()).isZero();
        assertThat(openNeeds.all().await().atMost(Duration.ofSeconds(10)))
                .extracting(NeedCandidate::needId).doesNotContain(posted.needId());
    }
}

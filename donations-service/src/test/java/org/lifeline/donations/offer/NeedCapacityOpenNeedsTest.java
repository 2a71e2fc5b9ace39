package org.lifeline.donations.offer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.Privacy;
import org.lifeline.contracts.Sector;
import org.lifeline.contracts.Site;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.Urgency;
import org.lifeline.donations.CampaignsFeed;
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
class NeedCapacityOpenNeedsTest {

    private static CampaignsFeed feed;

    @Inject
    NeedCapacityOpenNeeds openNeeds;

    @Inject
    Pool pool;

    private static CampaignsFeed feed() {
        if (feed == null) {
            feed = new CampaignsFeed(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return feed;
    }

    @AfterAll
    static void closeFeed() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    private NeedPosted post(Privacy privacy) {
        UUID needId = UUID.randomUUID();
        NeedPosted posted = new NeedPosted(needId, UUID.randomUUID(), UUID.randomUUID(), Sector.WSH,
                "Water purification tablets", "box", 400, Urgency.HIGH,
                new Site("Beichuan shelter", 31.83376, 104.46128, privacy),
                Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Instant.now());
        feed().publish(needId, posted);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                        "SELECT count(*) FROM need_capacity WHERE need_id = $1").execute(Tuple.of(needId))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 1);
        return posted;
    }

    private Optional<NeedCandidate> find(UUID needId) {
        return openNeeds.find(pool, needId).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void an_open_need_is_a_candidate_with_all_of_it_outstanding() {
        NeedPosted posted = post(Privacy.EXACT);
        NeedCandidate candidate = find(posted.needId()).orElseThrow();
        assertThat(candidate.outstanding()).isEqualTo(400);
        assertThat(candidate.sector()).isEqualTo(org.lifeline.donations.domain.offer.Sector.WSH);
        assertThat(candidate.urgency()).isEqualTo(org.lifeline.donations.domain.offer.Urgency.HIGH);
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
    void a_closed_need_is_no_candidate() {
        NeedPosted posted = post(Privacy.EXACT);
        feed().publish(posted.needId(), new NeedClosed(posted.needId(), 400, 0, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> find(posted.needId()).isEmpty());
    }
}

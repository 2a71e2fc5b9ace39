package org.lifeline.donations.money;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * 50 donors give at the same moment, through the HTTP API, to a campaign with one match pool: the
 * matches race on the pool's stream version, and the pool never gives more than it has.
 */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class MatchPoolConcurrencyTest extends MoneyTestBase {

    private static final int DONORS = 50;

    /** Each donor's gift at once; answers the 201 responses (any other status fails the test). */
    private List<ExtractableResponse<Response>> giveAtOnce(UUID campaignId, long amount) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(DONORS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ExtractableResponse<Response>>> gifts = new ArrayList<>();
            for (int i = 0; i < DONORS; i++) {
                String token = TestTokens.donor(UUID.randomUUID());
                String key = "burst-" + UUID.randomUUID();
                gifts.add(threads.submit(() -> {
                    start.await();
                    return donate(token, campaignId, amount, key).extract();
                }));
            }
            start.countDown();
            List<ExtractableResponse<Response>> responses = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> gift : gifts) {
                responses.add(gift.get(120, TimeUnit.SECONDS));
            }
            assertThat(responses).extracting(ExtractableResponse::statusCode).containsOnly(201);
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static long matched(List<ExtractableResponse<Response>> responses) {
        return responses.stream().mapToLong(r -> ((Number) r.path("matched.amount")).longValue()).sum();
    }

    @Test
    void when_demand_exceeds_the_pool_it_is_spent_exactly_and_exhausted_once() throws Exception {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "1.0", 25_500, null);

        List<ExtractableResponse<Response>> responses = giveAtOnce(campaignId, 1_000);

        assertThat(matched(responses)).isEqualTo(25_500);
        List<Long> matches = responses.stream().map(r -> ((Number) r.path("matched.amount")).longValue()).toList();
        assertThat(matches).filteredOn(m -> m == 1_000).hasSize(25);
        assertThat(matches).filteredOn(m -> m == 500).hasSize(1);
        assertThat(matches).filteredOn(m -> m == 0).hasSize(24);
        assertThat(responses).filteredOn(r -> r.path("matchPoolId") != null).hasSize(26);

        given().get("/api/v1/match-pools/" + poolId).then().statusCode(200)
                .body("status", equalTo("EXHAUSTED")).body("remaining.amount", equalTo(0))
                .body("matched.amount", equalTo(25_500));
        assertThat(events(poolId, "MatchApplied")).isEqualTo(26);
        assertThat(events(poolId, "MatchPoolExhausted")).isEqualTo(1);
        assertThat(count("SELECT sum((payload->'matched'->>'amount')::bigint) FROM events"
                + " WHERE stream_id = $1 AND event_type = 'MatchApplied'", poolId)).isEqualTo(25_500);
        // Every stream version once, no gaps: the race was decided on the version, never by overwriting.
        assertThat(count("SELECT max(version) FROM events WHERE stream_id = $1", poolId)).isEqualTo(28);
        assertThat(count("SELECT count(*) FROM donations WHERE campaign_id = $1", campaignId)).isEqualTo(DONORS);
    }

    @Test
    void when_the_pool_covers_demand_every_gift_is_matched_in_full() throws Exception {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "2.0", 1_000_000, null);

        List<ExtractableResponse<Response>> responses = giveAtOnce(campaignId, 300);

        assertThat(responses).allSatisfy(r -> assertThat(((Number) r.path("matched.amount")).longValue())
                .isEqualTo(600));
        assertThat(matched(responses)).isEqualTo(30_000);
        given().get("/api/v1/match-pools/" + poolId).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("remaining.amount", equalTo(970_000));
        assertThat(events(poolId, "MatchPoolExhausted")).isZero();
    }
}

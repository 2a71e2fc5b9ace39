package org.lifeline.donations.offer;

import org.junit.jupiter.api.Test;
import org.lifeline.donations.domain.offer.Coordinates;
import org.lifeline.donations.domain.offer.Geo;
import org.lifeline.donations.domain.offer.ItemNames;
import org.lifeline.donations.domain.offer.MatchScore.OfferProfile;
import org.lifeline.donations.domain.offer.NeedCandidate;
import org.lifeline.donations.domain.offer.Sector;
import org.lifeline.donations.domain.offer.Urgency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The matcher's ranking: the cases that must hold, and agreement with a scan of every need. */
class NeedIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:30:00Z");
    private static final Coordinates CHENGDU = new Coordinates(30.66, 104.06);

    /** A point {@code km} due north of Chengdu. */
    private static Coordinates north(double km) {
        return new Coordinates(CHENGDU.lat() + km / Geo.KM_PER_DEGREE, CHENGDU.lon());
    }

    private static NeedCandidate need(String item, Urgency urgency, int outstanding, Coordinates site,
                                      Instant neededBy) {
        return new NeedCandidate(UUID.randomUUID(), UUID.randomUUID(), Sector.SHL, item, "piece", outstanding, urgency,
                site, neededBy);
    }

    private static NeedCandidate blankets(Urgency urgency, int outstanding, double kmNorth) {
        return need("Blankets", urgency, outstanding, north(kmNorth), null);
    }

    private static OfferProfile offer(Integer maxDistanceKm) {
        return new OfferProfile(Sector.SHL, "blanket", "piece", 300, CHENGDU, maxDistanceKm);
    }

    private static List<UUID> ranked(List<NeedCandidate> needs, OfferProfile offer) {
        NeedIndex index = new NeedIndex();
        index.replaceAll(needs);
        List<RankedNeed> byIndex = index.rank(offer, NOW, 20);
        List<RankedNeed> byScan = new ScanRanker(needs).rank(offer, NOW, 20);
        assertThat(byIndex).isEqualTo(byScan);
        return byIndex.stream().map(r -> r.need().needId()).toList();
    }

    @Test
    void of_two_needs_otherwise_equal_the_one_20_km_away_ranks_before_the_one_140_km_away() {
        NeedCandidate far = blankets(Urgency.HIGH, 500, 140);
        NeedCandidate near = blankets(Urgency.HIGH, 500, 20);

        NeedIndex index = new NeedIndex();
        index.replaceAll(List.of(far, near));
        List<RankedNeed> ranking = index.rank(offer(null), NOW, 10);

        assertThat(ranking).extracting(r -> r.need().needId()).containsExactly(near.needId(), far.needId());
        assertThat(ranking.get(0).distanceKm()).isCloseTo(20, within(0.01));
        assertThat(ranking.get(1).distanceKm()).isCloseTo(140, within(0.01));
        assertThat(ranking.get(0).score()).isGreaterThan(ranking.get(1).score());
    }

    @Test
    void a_maximum_distance_leaves_out_needs_beyond_it() {
        NeedCandidate far = blankets(Urgency.CRITICAL, 500, 140);
        NeedCandidate near = blankets(Urgency.LOW, 500, 20);
        assertThat(ranked(List.of(far, near), offer(100))).containsExactly(near.needId());
        assertThat(ranked(List.of(far, near), offer(141))).containsExactly(far.needId(), near.needId());
    }

    @Test
    void a_critical_need_outranks_a_low_one_a_little_nearer() {
        NeedCandidate critical = blankets(Urgency.CRITICAL, 500, 140);
        NeedCandidate low = blankets(Urgency.LOW, 500, 20);
        assertThat(ranked(List.of(low, critical), offer(null))).containsExactly(critical.needId(), low.needId());
    }

    @Test
    void only_needs_of_the_same_sector_and_item_are_proposed_whatever_the_spelling() {
        NeedCandidate sameItem = need(" BLANKET ", Urgency.LOW, 10, north(300), null);
        NeedCandidate otherItem = need("Tents", Urgency.CRITICAL, 500, north(1), null);
        NeedCandidate otherSector = new NeedCandidate(UUID.randomUUID(), UUID.randomUUID(), Sector.HEA, "Blankets",
                "piece", 500, Urgency.CRITICAL, north(1), null);
        assertThat(ranked(List.of(sameItem, otherItem, otherSector), offer(null))).containsExactly(sameItem.needId());
    }

    @Test
    void of_needs_otherwise_equal_the_one_due_sooner_ranks_first() {
        NeedCandidate later = need("Blankets", Urgency.HIGH, 500, north(50), NOW.plus(Duration.ofDays(10)));
        NeedCandidate sooner = need("Blankets", Urgency.HIGH, 500, north(50), NOW.plus(Duration.ofDays(1)));
        NeedCandidate none = need("Blankets", Urgency.HIGH, 500, north(50), null);
        assertThat(ranked(List.of(none, later, sooner), offer(null)))
                .containsExactly(sooner.needId(), later.needId(), none.needId());
    }

    @Test
    void a_need_that_can_take_the_whole_offer_ranks_before_one_that_takes_a_little() {
        NeedCandidate little = blankets(Urgency.MEDIUM, 30, 40);
        NeedCandidate all = blankets(Urgency.MEDIUM, 300, 40);
        assertThat(ranked(List.of(little, all), offer(null))).containsExactly(all.needId(), little.needId());
    }

    @Test
    void needs_with_nothing_outstanding_are_never_proposed() {
        NeedCandidate full = blankets(Urgency.CRITICAL, 0, 5);
        NeedIndex index = new NeedIndex();
        index.replaceAll(List.of(full));
        assertThat(index.size()).isZero();
        assertThat(index.rank(offer(null), NOW, 10)).isEmpty();
    }

    @Test
    void changes_show_in_the_next_ranking() {
        NeedCandidate near = blankets(Urgency.HIGH, 500, 20);
        NeedCandidate far = blankets(Urgency.HIGH, 500, 140);
        NeedIndex index = new NeedIndex();
        index.replaceAll(List.of(near, far));

        index.remove(near.needId());
        assertThat(index.rank(offer(null), NOW, 10)).extracting(r -> r.need().needId()).containsExactly(far.needId());

        index.put(new NeedCandidate(far.needId(), far.campaignId(), far.sector(), far.item(), far.unit(), 0,
                far.urgency(), far.site(), far.neededBy()));
        assertThat(index.rank(offer(null), NOW, 10)).isEmpty();

        index.put(near);
        assertThat(index.rank(offer(null), NOW, 10)).extracting(r -> r.need().needId()).containsExactly(near.needId());
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void the_index_ranks_exactly_as_a_scan_of_every_need() {
        Random random = new Random(20261121);
        String[] items = {"Blankets", "Family tent", "Tarpaulin", "Water purification tablets"};
        List<NeedCandidate> needs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Clustered around a few places, as disasters are, and some spread across the country.
            Coordinates site = i % 5 == 0
                    ? new Coordinates(random.nextDouble(20, 45), random.nextDouble(80, 125))
                    : new Coordinates(30.66 + random.nextGaussian() * 1.5, 104.06 + random.nextGaussian() * 1.5);
            Instant neededBy = random.nextInt(3) == 0 ? null : NOW.plus(Duration.ofHours(random.nextInt(1, 500)));
            needs.add(new NeedCandidate(UUID.randomUUID(), UUID.randomUUID(), random.nextBoolean() ? Sector.SHL : Sector.WSH,
                    items[random.nextInt(items.length)], random.nextBoolean() ? "piece" : "box",
                    random.nextInt(0, 1_000), Urgency.values()[random.nextInt(4)], site, neededBy));
        }
        NeedIndex index = new NeedIndex();
        index.replaceAll(needs);
        ScanRanker scan = new ScanRanker(needs);
        for (int i = 0; i < 400; i++) {
            Coordinates at = new Coordinates(random.nextDouble(22, 42), random.nextDouble(85, 122));
            Integer max = switch (i % 4) {
                case 0 -> null;
                case 1 -> 50;
                case 2 -> 300;
                default -> 2_000;
            };
            OfferProfile offer = new OfferProfile(random.nextBoolean() ? Sector.SHL : Sector.WSH,
                    ItemNames.normalise(items[random.nextInt(items.length)]), "piece", random.nextInt(1, 800), at, max);
            int limit = 1 + random.nextInt(25);
            assertThat(index.rank(offer, NOW, limit)).as("offer %d", i).isEqualTo(scan.rank(offer, NOW, limit));
        }
    }
}

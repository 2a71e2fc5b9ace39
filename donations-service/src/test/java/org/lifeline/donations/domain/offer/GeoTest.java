package org.lifeline.donations.domain.offer;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeoTest {

    @Test
    void great_circle_distances_match_known_ones() {
        // Beijing – Shanghai, and Chengdu – Wenchuan (Yingxiu), by the haversine formula on a 6371 km sphere.
        assertThat(Geo.distanceKm(39.9042, 116.4074, 31.2304, 121.4737)).isCloseTo(1067.3, within(1.0));
        assertThat(Geo.distanceKm(30.66, 104.06, 31.06, 103.49)).isCloseTo(70.3, within(0.5));
        assertThat(Geo.distanceKm(30.66, 104.06, 30.66, 104.06)).isZero();
        assertThat(Geo.distanceKm(0, 0, 0, 180)).isCloseTo(Math.PI * Geo.EARTH_RADIUS_KM, within(0.001));
    }

    @RepeatedTest(5)
    void the_distance_to_a_box_is_never_more_than_to_any_point_in_it() {
        Random random = new Random();
        for (int i = 0; i < 2_000; i++) {
            double lat = random.nextDouble(-80, 80);
            double lon = random.nextDouble(-179, 179);
            double latLo = random.nextDouble(-80, 79);
            double lonLo = random.nextDouble(-179, 178);
            double size = random.nextDouble(0.01, 1);
            double bound = Geo.minDistanceKm(lat, lon, latLo, latLo + size, lonLo, lonLo + size);
            for (int j = 0; j < 10; j++) {
                double pLat = latLo + random.nextDouble() * size;
                double pLon = lonLo + random.nextDouble() * size;
                assertThat(bound).isLessThanOrEqualTo(Geo.distanceKm(lat, lon, pLat, pLon) + 1e-9);
            }
        }
    }

    @Test
    void a_point_inside_the_box_is_at_distance_zero_from_it() {
        assertThat(Geo.minDistanceKm(30.7, 104.2, 30.5, 31.0, 104.0, 104.5)).isZero();
    }
}

package org.lifeline.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PublicSitesTest {

    @Test
    void an_exact_site_is_shown_as_given() {
        Site clinic = new Site("Hanwang clinic", 31.434567, 104.171234, Privacy.EXACT);

        assertThat(PublicSites.of(clinic)).isEqualTo(clinic);
        assertThat(PublicSites.of(31.434567, 104.171234, Privacy.EXACT))
                .isEqualTo(new Coordinates(31.434567, 104.171234));
    }

    @Test
    void an_approximate_site_is_rounded_to_a_hundredth_of_a_degree_keeping_its_name_and_privacy() {
        Site shelter = new Site("Women's shelter", 31.434567, 104.176789, Privacy.APPROXIMATE);

        assertThat(PublicSites.of(shelter))
                .isEqualTo(new Site("Women's shelter", 31.43, 104.18, Privacy.APPROXIMATE));
        assertThat(PublicSites.of(31.434567, 104.176789, Privacy.APPROXIMATE))
                .isEqualTo(new Coordinates(31.43, 104.18));
    }

    @Test
    void a_site_of_unknown_or_missing_privacy_is_rounded() {
        assertThat(PublicSites.of(new Site("Somewhere", 31.434567, 104.176789, Privacy.UNKNOWN)))
                .isEqualTo(new Site("Somewhere", 31.43, 104.18, Privacy.UNKNOWN));
        assertThat(PublicSites.of(new Site("Somewhere", 31.434567, 104.176789, null)))
                .isEqualTo(new Site("Somewhere", 31.43, 104.18, null));
        assertThat(PublicSites.of(31.434567, 104.176789, null)).isEqualTo(new Coordinates(31.43, 104.18));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // Halves go away from zero, on both sides of it (decimal halves, not their binary neighbours).
            "31.125, 31.13",
            "-31.125, -31.13",
            "0.005, 0.01",
            "-0.005, -0.01",
            "104.165, 104.17",
            "-104.165, -104.17",
            // Below a half, towards zero; above, away.
            "31.12499, 31.12",
            "-31.12499, -31.12",
            "-33.86789, -33.87",
            "-70.64123, -70.64",
            // Edges of the range and values already coarse stay as they are.
            "90, 90.0",
            "-180, -180.0",
            "179.999, 180.0",
            "12.3, 12.3",
            "0, 0.0"})
    void rounding_is_half_away_from_zero(double degrees, double rounded) {
        assertThat(PublicSites.round(degrees)).isEqualTo(rounded);
    }

    @Test
    void stored_privacy_names_this_code_does_not_know_read_as_unknown() {
        assertThat(PublicSites.privacy("EXACT")).isEqualTo(Privacy.EXACT);
        assertThat(PublicSites.privacy("APPROXIMATE")).isEqualTo(Privacy.APPROXIMATE);
        assertThat(PublicSites.privacy("HIDDEN")).isEqualTo(Privacy.UNKNOWN);
        assertThat(PublicSites.privacy("exact")).isEqualTo(Privacy.UNKNOWN);
        assertThat(PublicSites.privacy(null)).isEqualTo(Privacy.UNKNOWN);
        assertThat(PublicSites.of(31.434567, 104.176789, PublicSites.privacy("HIDDEN")))
                .isEqualTo(new Coordinates(31.43, 104.18));
    }
}

package org.lifeline.campaigns.domain.need;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The values a need is made of guard their own ranges. */
class NeedsValuesTest {

    @ParameterizedTest
    @CsvSource({"90, 180", "-90, -180", "0, 0", "29.98, 103.0"})
    void a_site_takes_any_wgs84_coordinate(double lat, double lon) {
        assertThat(new Site("camp", lat, lon, Privacy.APPROXIMATE).lat()).isEqualTo(lat);
    }

    @ParameterizedTest
    @CsvSource({"90.0001, 0", "-90.5, 0", "0, 180.1", "0, -181", "NaN, 0", "0, NaN"})
    void a_site_outside_wgs84_ranges_is_refused(double lat, double lon) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Site("camp", lat, lon, Privacy.EXACT));
    }

    @Test
    void a_site_needs_a_name_and_a_privacy() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Site(" ", 0, 0, Privacy.EXACT));
        assertThatNullPointerException().isThrownBy(() -> new Site("camp", 0, 0, null));
    }

    @Test
    void sectors_are_the_eleven_iasc_clusters() {
        assertThat(Sector.values()).extracting(Enum::name)
                .containsExactly("SHL", "WSH", "FSC", "HEA", "NUT", "LOG", "CCM", "EDU", "PRO", "ERY", "TEL");
    }

    @Test
    void freshness_defaults_to_stale_after_24_hours_and_expiry_after_72() {
        assertThat(Freshness.DEFAULT).isEqualTo(new Freshness(Duration.ofHours(24), Duration.ofHours(72)));
    }

    @Test
    void freshness_must_expire_after_it_goes_stale() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Freshness(Duration.ofHours(24), Duration.ofHours(24)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Freshness(Duration.ZERO, Duration.ofHours(1)));
    }

    @Test
    void only_open_and_fully_pledged_needs_are_live() {
        assertThat(NeedStatus.values()).filteredOn(NeedStatus::isLive)
                .containsExactly(NeedStatus.OPEN, NeedStatus.FULLY_PLEDGED);
    }
}

package org.lifeline.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternTest {

    private static final URI CAMPAIGNS = URI.create("http://campaigns");
    private static final URI DONATIONS = URI.create("http://donations");

    @Test
    void a_star_matches_one_segment_and_a_double_star_any_rest() {
        assertThat(PathPattern.parse("/api/v1/campaigns/*/match-pools").matches("/api/v1/campaigns/c1/match-pools")).isTrue();
        assertThat(PathPattern.parse("/api/v1/campaigns/*/match-pools").matches("/api/v1/campaigns/match-pools")).isFalse();
        assertThat(PathPattern.parse("/api/v1/needs/**").matches("/api/v1/needs/n1/reconfirm")).isTrue();
        assertThat(PathPattern.parse("/api/v1/needs/**").matches("/api/v1/needsy")).isFalse();
        assertThat(PathPattern.parse("/api/v1/campaigns").matches("/api/v1/campaigns/")).isTrue();
        assertThat(PathPattern.parse("/api/v1/campaigns").matches("/api/v1/campaigns/c1")).isFalse();
    }

    @Test
    void a_double_star_only_ends_a_pattern() {
        assertThatThrownBy(() -> PathPattern.parse("/api/**/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.parse("api/v1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_most_specific_route_wins_whatever_the_order_of_the_table() {
        RouteTable table = new RouteTable(List.of(
                new RouteTable.Route(PathPattern.parse("/api/v1/campaigns/**"), "campaigns", CAMPAIGNS),
                new RouteTable.Route(PathPattern.parse("/api/v1/campaigns/*/match-pools"), "donations", DONATIONS)));
        assertThat(table.match("/api/v1/campaigns/c1/match-pools")).map(RouteTable.Route::service).hasValue("donations");
        assertThat(table.match("/api/v1/campaigns/c1/needs")).map(RouteTable.Route::service).hasValue("campaigns");
        assertThat(table.match("/api/v1/campaigns/c1/match-pools/x")).map(RouteTable.Route::service).hasValue("campaigns");
        assertThat(table.match("/api/v1/auth/token")).isEmpty();
    }
}

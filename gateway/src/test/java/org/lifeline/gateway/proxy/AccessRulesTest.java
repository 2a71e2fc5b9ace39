package org.lifeline.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final EdgeCaller ANONYMOUS = EdgeCaller.anonymous("127.0.0.1");
    private static final EdgeCaller DONOR = new EdgeCaller("sub:d", true, Set.of("donor"), Set.of());
    private static final EdgeCaller COORDINATOR = new EdgeCaller("sub:c", true, Set.of("coordinator"), Set.of());
    private static final EdgeCaller FEED_PARTNER = new EdgeCaller("sub:partner:p", true, Set.of("partner"),
            Set.of("feed:read"));

    @Test
    void reads_are_public_and_writes_need_the_right_role() {
        assertThat(allows(ANONYMOUS, HttpMethod.GET, "/api/v1/campaigns")).isTrue();
        assertThat(allows(ANONYMOUS, HttpMethod.GET, "/api/v1/feed/needs")).isTrue();
        assertThat(allows(DONOR, HttpMethod.POST, "/api/v1/campaigns")).isFalse();
        assertThat(allows(COORDINATOR, HttpMethod.POST, "/api/v1/campaigns")).isTrue();
        EdgeCaller admin = new EdgeCaller("sub:a", true, Set.of("admin"), Set.of());
        assertThat(allows(admin, HttpMethod.POST, "/api/v1/campaigns")).isTrue();
        assertThat(allows(admin, HttpMethod.PATCH, "/api/v1/needs/n1")).isTrue();
        assertThat(allows(admin, HttpMethod.POST, "/api/v1/pledges")).isFalse();
        assertThat(allows(COORDINATOR, HttpMethod.GET, "/api/v1/needs/n1/pledges")).isTrue();
        assertThat(allows(COORDINATOR, HttpMethod.POST, "/api/v1/match-pools/m1/close")).isTrue();
        assertThat(allows(DONOR, HttpMethod.POST, "/api/v1/match-pools/m1/close")).isFalse();
        assertThat(allows(DONOR, HttpMethod.POST, "/api/v1/offers/o1/withdraw")).isTrue();
        assertThat(allows(new EdgeCaller("ip:1", false, Set.of(), Set.of()), HttpMethod.GET, "/api/v1/donations/d1")).isFalse();
        assertThat(allows(DONOR, HttpMethod.GET, "/api/v1/donations/d1")).isTrue();
        assertThat(allows(COORDINATOR, HttpMethod.POST, "/api/v1/feed/admin/rebuild")).isFalse();
        assertThat(allows(admin, HttpMethod.POST, "/api/v1/feed/admin/rebuild")).isTrue();
        assertThat(allows(COORDINATOR, HttpMethod.POST, "/api/v1/campaigns/c1/match-pools")).isTrue();
        assertThat(allows(DONOR, HttpMethod.POST, "/api/v1/pledges")).isTrue();
        assertThat(allows(COORDINATOR, HttpMethod.POST, "/api/v1/pledges")).isFalse();
        assertThat(allows(COORDINATOR, HttpMethod.POST, "/api/v1/pledges/p1/deliver")).isTrue();
        assertThat(allows(DONOR, HttpMethod.POST, "/api/v1/pledges/p1/cancel")).isTrue();
        assertThat(allows(ANONYMOUS, HttpMethod.DELETE, "/api/v1/match-pools/m1")).isFalse();
        assertThat(allows(ANONYMOUS, HttpMethod.GET, "/api/v1/campaigns/c1/match-pools")).isTrue();
    }

    @Test
    void personal_and_partner_routes_need_a_credential_or_scope() {
        assertThat(allows(ANONYMOUS, HttpMethod.GET, "/api/v1/me/pledges")).isFalse();
        assertThat(allows(ANONYMOUS, HttpMethod.GET, "/api/v1/me/donations")).isFalse();
        assertThat(allows(DONOR, HttpMethod.GET, "/api/v1/me/donations")).isTrue();
        assertThat(allows(DONOR, HttpMethod.GET, "/api/v1/me/gifts/g1/trail")).isTrue();
        assertThat(allows(FEED_PARTNER, HttpMethod.GET, "/api/v1/feed/needs/export.csv")).isTrue();
        assertThat(allows(COORDINATOR, HttpMethod.GET, "/api/v1/feed/needs/export.csv")).isTrue();
        assertThat(allows(DONOR, HttpMethod.GET, "/api/v1/feed/needs/export.csv")).isFalse();
        assertThat(allows(FEED_PARTNER, HttpMethod.POST, "/api/v1/partners/me/webhooks")).isFalse();
        assertThat(allows(new EdgeCaller("sub:partner:q", true, Set.of("partner"), Set.of("webhooks:manage")),
                HttpMethod.POST, "/api/v1/partners/me/webhooks")).isTrue();
    }

    private static boolean allows(EdgeCaller caller, HttpMethod method, String path) {
        return AccessRules.requirement(method, path).allows(caller);
    }
}

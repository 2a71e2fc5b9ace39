package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static final UUID ACCOUNT = UUID.fromString("8b4f4f4e-7a8e-4a43-9a0b-0d1c2e3f4a5b");
    private static final UUID RED_CROSS = UUID.fromString("0f3c1e2d-5b6a-4c7d-8e9f-a0b1c2d3e4f5");
    private static final UUID OXFAM = UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");

    @Test
    void a_coordinator_coordinates_for_the_organisations_in_the_token() {
        Caller caller = new Caller(token(Map.of("sub", ACCOUNT.toString(), "groups", Set.of("coordinator"),
                "orgs", Json.createArrayBuilder().add(RED_CROSS.toString()).build())));

        assertThat(caller.accountId()).isEqualTo(ACCOUNT);
        assertThat(caller.roles()).containsExactly(Roles.COORDINATOR);
        assertThat(caller.organisations()).containsExactly(RED_CROSS);
        assertThat(caller.isCoordinatorOf(RED_CROSS)).isTrue();
        assertThat(caller.isCoordinatorOf(OXFAM)).isFalse();
    }

    @Test
    void organisations_may_also_arrive_as_a_plain_list() {
        Caller caller = new Caller(token(Map.of("sub", ACCOUNT.toString(), "groups", Set.of("coordinator"),
                "orgs", List.of(RED_CROSS.toString(), OXFAM.toString()))));

        assertThat(caller.organisations()).containsExactlyInAnyOrder(RED_CROSS, OXFAM);
    }

    @Test
    void a_donor_coordinates_for_no_one_even_with_organisations_in_the_token() {
        Caller caller = new Caller(token(Map.of("sub", ACCOUNT.toString(), "groups", Set.of("donor"),
                "orgs", List.of(RED_CROSS.toString()))));

        assertThat(caller.hasRole(Roles.DONOR)).isTrue();
        assertThat(caller.isCoordinatorOf(RED_CROSS)).isFalse();
    }

    @Test
    void an_anonymous_caller_has_no_roles_and_no_account() {
        Caller caller = new Caller(token(Map.of()));

        assertThat(caller.roles()).isEmpty();
        assertThat(caller.organisations()).isEmpty();
        assertThatThrownBy(caller::accountId).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void a_partner_has_scopes_and_a_partner_id_but_no_account() {
        UUID partner = UUID.fromString("5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f");
        Caller caller = new Caller(token(Map.of("sub", "partner:" + partner, "groups", Set.of("partner"),
                "scope", Json.createValue("feed:read webhooks:manage"))));

        assertThat(caller.isPartner()).isTrue();
        assertThat(caller.partnerId()).isEqualTo(partner);
        assertThat(caller.scopes()).containsExactlyInAnyOrder("feed:read", "webhooks:manage");
        assertThatThrownBy(caller::accountId).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void an_account_is_no_partner_and_has_no_scopes() {
        Caller caller = new Caller(token(Map.of("sub", ACCOUNT.toString(), "groups", Set.of("donor"))));

        assertThat(caller.isPartner()).isFalse();
        assertThat(caller.scopes()).isEmpty();
        assertThatThrownBy(caller::partnerId).isInstanceOf(ForbiddenException.class);
    }

    private static JsonWebToken token(Map<String, Object> claims) {
        Map<String, Object> copy = new HashMap<>(claims);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return (String) copy.get("sub");
            }

            @Override
            public Set<String> getClaimNames() {
                return copy.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) copy.get(name);
            }
        };
    }
}

package org.lifeline.system;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may call each operation of the public API, keyed by method and path as the OpenAPI document names
 * them: the expectation the authorization matrix checks and the fuzz picks its callers from. An operation
 * the document has and this table lacks fails the matrix, so a new endpoint cannot be forgotten.
 *
 * <p>What a caller who may not gets: 401 without a credential; 403 with one. Someone else's object is
 * 403 where the service says so (pledges, donations, offers, gift trails: ids are random UUIDs, so the
 * 403 tells nothing guessable); a partner's webhooks live under {@code /partners/me}, so another
 * partner's webhook does not exist for the caller: 404. A partner's API key is a credential only on the
 * routes the gateway forwards; on the gateway's own account, organisation and partner endpoints it is
 * no credential at all, so 401 is right there too.
 */
final class ExpectedAccess {

    /** The callers of the matrix, each with its own account, key and loopback address. */
    enum Role {
        ANONYMOUS, DONOR, OTHER_DONOR, COORDINATOR, OTHER_COORDINATOR,
        /** {@code feed:read} without {@code webhooks:manage}. */
        FEED_PARTNER,
        /** {@code webhooks:manage} without {@code feed:read}; owns the webhook. */
        WEBHOOK_PARTNER,
        /** Both scopes; not the webhook's owner. */
        OTHER_WEBHOOK_PARTNER,
        ADMIN;

        boolean isPartner() {
            return this == FEED_PARTNER || this == WEBHOOK_PARTNER || this == OTHER_WEBHOOK_PARTNER;
        }
    }

    /** Who may, and what those who may not get when they have a credential (anonymous callers always get 401). */
    record Rule(Set<Role> allowed, Map<Role, Set<Integer>> denial) {

        Set<Integer> deniedWith(Role role) {
            return denial.getOrDefault(role, Set.of(403));
        }
    }

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    /** Every person's account carries the donor role (coordinators and the admin too): all may pledge and give. */
    private static final Set<Role> ACCOUNTS = EnumSet.of(Role.DONOR, Role.OTHER_DONOR, Role.COORDINATOR,
            Role.OTHER_COORDINATOR, Role.ADMIN);
    private static final Set<Role> ORGANISATION = EnumSet.of(Role.COORDINATOR, Role.ADMIN);
    private static final Set<Role> OWNER = EnumSet.of(Role.DONOR);
    private static final Set<Role> WEBHOOK_MANAGERS = EnumSet.of(Role.WEBHOOK_PARTNER, Role.OTHER_WEBHOOK_PARTNER);

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        gatewayOwn("POST /api/v1/auth/register", EVERYONE);
        gatewayOwn("POST /api/v1/auth/token", EVERYONE);
        gatewayOwn("GET /api/v1/accounts/{accountId}", EnumSet.of(Role.DONOR, Role.ADMIN));
        gatewayOwn("POST /api/v1/organisations", EnumSet.of(Role.ADMIN));
        // A coordinator lists the organisations it coordinates and reads its own (the other coordinator's is 403).
        gatewayOwn("GET /api/v1/organisations", EnumSet.of(Role.COORDINATOR, Role.OTHER_COORDINATOR, Role.ADMIN));
        gatewayOwn("GET /api/v1/organisations/{orgId}", EnumSet.of(Role.COORDINATOR, Role.ADMIN));
        gatewayOwn("POST /api/v1/organisations/{orgId}/coordinators", EnumSet.of(Role.ADMIN));
        gatewayOwn("GET /api/v1/organisations/{orgId}/coordinators", EnumSet.of(Role.ADMIN));
        gatewayOwn("POST /api/v1/partners", EnumSet.of(Role.ADMIN));
        gatewayOwn("GET /api/v1/partners", EnumSet.of(Role.ADMIN));
        gatewayOwn("DELETE /api/v1/partners/{partnerId}/key", EnumSet.of(Role.ADMIN));

        rule("POST /api/v1/campaigns", ORGANISATION);
        rule("GET /api/v1/campaigns", EVERYONE);
        rule("GET /api/v1/campaigns/{campaignId}", EVERYONE);
        rule("POST /api/v1/campaigns/{campaignId}/close", ORGANISATION);
        rule("POST /api/v1/campaigns/{campaignId}/posts", ORGANISATION);
        rule("POST /api/v1/campaigns/{campaignId}/needs", ORGANISATION);
        rule("POST /api/v1/campaigns/{campaignId}/match-pools", ORGANISATION);
        rule("GET /api/v1/campaigns/{campaignId}/match-pools", EVERYONE);
        rule("GET /api/v1/needs/{needId}", EVERYONE);
        rule("PATCH /api/v1/needs/{needId}", ORGANISATION);
        rule("POST /api/v1/needs/{needId}/reconfirm", ORGANISATION);
        rule("POST /api/v1/needs/{needId}/close", ORGANISATION);
        rule("GET /api/v1/needs/{needId}/pledges", ORGANISATION);

        rule("POST /api/v1/pledges", ACCOUNTS);
        rule("GET /api/v1/pledges/{pledgeId}", EnumSet.of(Role.DONOR, Role.COORDINATOR, Role.ADMIN));
        rule("GET /api/v1/me/pledges", ACCOUNTS);
        rule("POST /api/v1/pledges/{pledgeId}/confirm", OWNER);
        rule("POST /api/v1/pledges/{pledgeId}/dispatch", OWNER);
        rule("POST /api/v1/pledges/{pledgeId}/deliver", ORGANISATION);
        rule("POST /api/v1/pledges/{pledgeId}/cancel", EnumSet.of(Role.DONOR, Role.COORDINATOR, Role.ADMIN));

        rule("GET /api/v1/match-pools/{poolId}", EVERYONE);
        rule("POST /api/v1/match-pools/{poolId}/close", ORGANISATION);
        rule("POST /api/v1/donations", ACCOUNTS);
        rule("GET /api/v1/donations/{donationId}", EnumSet.of(Role.DONOR, Role.COORDINATOR, Role.ADMIN));
        rule("GET /api/v1/me/donations", ACCOUNTS);
        rule("POST /api/v1/donations/{donationId}/refund", ORGANISATION);

        rule("POST /api/v1/offers", ACCOUNTS);
        rule("GET /api/v1/offers/{offerId}", OWNER);
        rule("GET /api/v1/offers/{offerId}/matches", OWNER);
        rule("POST /api/v1/offers/{offerId}/accept", OWNER);
        rule("POST /api/v1/offers/{offerId}/withdraw", OWNER);

        rule("GET /api/v1/feed/needs", EVERYONE);
        rule("GET /api/v1/feed/campaigns/{campaignId}", EVERYONE);
        rule("GET /api/v1/feed/stream", EVERYONE);
        rule("GET /api/v1/feed/needs/export.csv", EnumSet.of(Role.COORDINATOR, Role.OTHER_COORDINATOR, Role.ADMIN,
                Role.FEED_PARTNER, Role.OTHER_WEBHOOK_PARTNER));
        rule("GET /api/v1/me/gifts/{giftId}/trail", OWNER);
        rule("POST /api/v1/feed/admin/rebuild", EnumSet.of(Role.ADMIN));

        rule("POST /api/v1/partners/me/webhooks", WEBHOOK_MANAGERS);
        rule("GET /api/v1/partners/me/webhooks", WEBHOOK_MANAGERS);
        ownWebhook("GET /api/v1/partners/me/webhooks/{webhookId}");
        ownWebhook("DELETE /api/v1/partners/me/webhooks/{webhookId}");
        ownWebhook("GET /api/v1/partners/me/webhooks/{webhookId}/dead-letters");
        ownWebhook("POST /api/v1/partners/me/webhooks/{webhookId}/redeliver");

        rule("GET /.well-known/jwks.json", EVERYONE);
        rule("GET /q/health/live", EVERYONE);
        rule("GET /q/health/ready", EVERYONE);
        rule("GET /q/metrics", EVERYONE);
        rule("GET /q/openapi", EVERYONE);
        rule("GET /q/swagger-ui", EVERYONE);
    }

    private ExpectedAccess() {
    }

    private static void rule(String key, Set<Role> allowed) {
        RULES.put(key, new Rule(Set.copyOf(allowed), Map.of()));
    }

    /** The gateway's own endpoints take bearer tokens only: to them a partner's key is no credential (401 or 403). */
    private static void gatewayOwn(String key, Set<Role> allowed) {
        Map<Role, Set<Integer>> denial = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            if (role.isPartner()) {
                denial.put(role, Set.of(401, 403));
            }
        }
        RULES.put(key, new Rule(Set.copyOf(allowed), Map.copyOf(denial)));
    }

    /** A webhook of the owning partner: another partner that manages webhooks finds none (404). */
    private static void ownWebhook(String key) {
        RULES.put(key, new Rule(Set.of(Role.WEBHOOK_PARTNER), Map.of(Role.OTHER_WEBHOOK_PARTNER, Set.of(404))));
    }
}

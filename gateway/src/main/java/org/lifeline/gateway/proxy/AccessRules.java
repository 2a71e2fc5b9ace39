package org.lifeline.gateway.proxy;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;
import org.lifeline.support.Roles;

/**
 * The coarse checks the gateway makes before it forwards a request: who may call a route at all.
 * Services check again in detail (whose pledge, which organisation); the gateway only keeps out
 * callers who could never succeed, so that they cost the services nothing.
 */
public final class AccessRules {

    static final String FEED_READ = "feed:read";
    static final String WEBHOOKS_MANAGE = "webhooks:manage";

    /** What a caller needs: any credential, or one of the roles or scopes. Empty sets mean anyone. */
    public record Requirement(boolean authenticated, Set<String> roles, Set<String> scopes) {

        static final Requirement NONE = new Requirement(false, Set.of(), Set.of());
        static final Requirement SIGNED_IN = new Requirement(true, Set.of(), Set.of());

        static Requirement role(String... roles) {
            return new Requirement(true, Set.of(roles), Set.of());
        }

        static Requirement scope(String scope) {
            return new Requirement(true, Set.of(), Set.of(scope));
        }

        Requirement orScope(String scope) {
            return new Requirement(true, roles, Set.of(scope));
        }

        /** Whether the caller may pass; an anonymous caller never passes a requirement. */
        public boolean allows(EdgeCaller caller) {
            if (!authenticated) {
                return true;
            }
            if (!caller.authenticated()) {
                return false;
            }
            if (roles.isEmpty() && scopes.isEmpty()) {
                return true;
            }
            return caller.roles().stream().anyMatch(roles::contains)
                    || caller.scopes().stream().anyMatch(scopes::contains);
        }
    }

    private record Rule(HttpMethod method, PathPattern pattern, Requirement requirement) {
        boolean applies(HttpMethod method, String path) {
            return (this.method == null || this.method.equals(method)) && pattern.matches(path);
        }
    }

    private static final HttpMethod ANY_METHOD = null;

    // First match wins, so specific routes come before the ones they overlap. Admins may do what coordinators
    // may (the services check the organisation); a service can still refuse them.
    private static final List<Rule> RULES = List.of(
            rule(HttpMethod.POST, "/api/v1/campaigns", Requirement.role(Roles.COORDINATOR, Roles.ADMIN)),
            rule(HttpMethod.POST, "/api/v1/campaigns/*/**", Requirement.role(Roles.COORDINATOR, Roles.ADMIN)),
            rule(HttpMethod.PATCH, "/api/v1/needs/*", Requirement.role(Roles.COORDINATOR, Roles.ADMIN)),
            rule(HttpMethod.POST, "/api/v1/needs/*/**", Requirement.role(Roles.COORDINATOR, Roles.ADMIN)),
            rule(HttpMethod.GET, "/api/v1/needs/*/pledges", Requirement.role(Roles.COORDINATOR, Roles.ADMIN)),
            rule(HttpMethod.POST, "/api/v1/pledges", Requirement.role(Roles.DONOR)),
            rule(HttpMethod.POST, "/api/v1/pledges/*/confirm", Requirement.role(Roles.DONOR)),
            rule(HttpMethod.POST, "/api/v1/pledges/*/dispatch", Requirement.role(Roles.DONOR)),
            rule(HttpMethod.POST, "/api/v1/pledges/*/deliver", Requirement.role(Roles.COORDINATOR, Roles.ADMIN)),
            rule(HttpMethod.POST, "/api/v1/pledges/*/cancel", Requirement.role(Roles.DONOR, Roles.COORDINATOR, Roles.ADMIN)),
            rule(ANY_METHOD, "/api/v1/pledges/**", Requirement.SIGNED_IN),
            rule(HttpMethod.POST, "/api/v1/donations", Requirement.role(Roles.DONOR)),
            rule(HttpMethod.POST, "/api/v1/donations/*/refund", Requirement.role(Roles.COORDINATOR, Roles.ADMIN)),
            rule(ANY_METHOD, "/api/v1/donations/**", Requirement.SIGNED_IN),
            rule(HttpMethod.POST, "/api/v1/match-pools/*/close", Requirement.role(Roles.COORDINATOR, Roles.ADMIN)),
            rule(HttpMethod.POST, "/api/v1/offers", Requirement.role(Roles.DONOR)),
            rule(HttpMethod.POST, "/api/v1/offers/*/accept", Requirement.role(Roles.DONOR)),
            rule(HttpMethod.POST, "/api/v1/offers/*/withdraw", Requirement.role(Roles.DONOR)),
            rule(HttpMethod.POST, "/api/v1/feed/admin/**", Requirement.role(Roles.ADMIN)),
            rule(ANY_METHOD, "/api/v1/offers/**", Requirement.SIGNED_IN),
            rule(ANY_METHOD, "/api/v1/me/**", Requirement.SIGNED_IN),
            rule(HttpMethod.GET, "/api/v1/feed/needs/export.csv",
                    Requirement.role(Roles.COORDINATOR, Roles.ADMIN).orScope(FEED_READ)),
            rule(ANY_METHOD, "/api/v1/partners/me/**", Requirement.scope(WEBHOOKS_MANAGE)));

    private AccessRules() {
    }

    /** The requirement of a request; reads are public and other writes need a credential. */
    public static Requirement requirement(HttpMethod method, String path) {
        for (Rule rule : RULES) {
            if (rule.applies(method, path)) {
                return rule.requirement();
            }
        }
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)
                || method.equals(HttpMethod.OPTIONS);
        return read ? Requirement.NONE : Requirement.SIGNED_IN;
    }

    private static Rule rule(HttpMethod method, String pattern, Requirement requirement) {
        return new Rule(method, PathPattern.parse(pattern), requirement);
    }
}

package org.lifeline.gateway.proxy;

import java.util.Set;

/**
 * Who a proxied request comes from, as far as the gateway checks it: an account (by its token),
 * a partner (by its API key or its token) or an anonymous client (by address).
 *
 * @param rateKey       whose token bucket the request draws on
 * @param authenticated whether a valid credential came with the request
 * @param roles         the token's {@code groups}
 * @param scopes        a partner's scopes
 */
public record EdgeCaller(String rateKey, boolean authenticated, Set<String> roles, Set<String> scopes) {

    public EdgeCaller {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    static EdgeCaller anonymous(String address) {
        return new EdgeCaller("ip:" + address, false, Set.of(), Set.of());
    }
}

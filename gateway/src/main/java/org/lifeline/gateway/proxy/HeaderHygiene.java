package org.lifeline.gateway.proxy;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which headers cross the gateway. Identity travels to the services only as the bearer token the
 * gateway verified or issued, so any header a client could use to claim an identity is dropped,
 * as are hop-by-hop headers and forwarding headers the gateway sets itself.
 */
final class HeaderHygiene {

    static final String API_KEY = "X-Api-Key";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    private static final Set<String> IDENTITY_PREFIXES = Set.of("x-lifeline-", "x-auth-", "x-partner-", "x-user-");
    /** Set by the gateway itself; what a client sends there is not believed. */
    private static final Set<String> FORWARDING = Set.of("x-forwarded-user", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "forwarded",
            "x-real-ip");
    /** The gateway answers CORS itself; a service's CORS headers would only contradict it. */
    private static final String CORS_PREFIX = "access-control-";

    private HeaderHygiene() {
    }

    /** The client's headers that may go on to a service; the caller then sets credentials and forwarding. */
    static MultiMap forwardable(MultiMap client) {
        Set<String> listed = connectionListed(client);
        MultiMap forwarded = MultiMap.caseInsensitiveMultiMap();
        client.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !listed.contains(lower) && !FORWARDING.contains(lower)
                    && !lower.equals("host") && !lower.equals("authorization") && !lower.equals("x-api-key")
                    && !claimsIdentity(lower)) {
                forwarded.add(name, value);
            }
        });
        return forwarded;
    }

    /** The service's response headers that may go back to the client. */
    static MultiMap returnable(MultiMap service) {
        Set<String> listed = connectionListed(service);
        MultiMap returned = MultiMap.caseInsensitiveMultiMap();
        service.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !listed.contains(lower) && !lower.startsWith(CORS_PREFIX)) {
                returned.add(name, value);
            }
        });
        return returned;
    }

    static boolean claimsIdentity(String lowerCaseName) {
        return IDENTITY_PREFIXES.stream().anyMatch(lowerCaseName::startsWith);
    }

    private static Set<String> connectionListed(MultiMap headers) {
        return headers.getAll("Connection").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty())
                .collect(Collectors.toSet());
    }
}

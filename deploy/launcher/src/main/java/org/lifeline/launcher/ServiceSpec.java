package org.lifeline.launcher;

import java.net.URI;
import java.util.List;

/**
 * One of the four Lifeline services: its module (and log) name, its HTTP port's offset from the
 * stack's base port (8080 by default: gateway 8080, campaigns 8081, donations 8082, feed 8083) and its database.
 */
public record ServiceSpec(String name, int portOffset, String database, boolean usesKafka) {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", 0, "lifeline_gateway", false);
    public static final ServiceSpec CAMPAIGNS = new ServiceSpec("campaigns-service", 1, "lifeline_campaigns", true);
    public static final ServiceSpec DONATIONS = new ServiceSpec("donations-service", 2, "lifeline_donations", true);
    public static final ServiceSpec RELIEF_FEED = new ServiceSpec("relief-feed-service", 3, "lifeline_feed", true);

    /** All four, in start order. */
    public static final List<ServiceSpec> ALL = List.of(GATEWAY, CAMPAIGNS, DONATIONS, RELIEF_FEED);

    public int port(int basePort) {
        return basePort + portOffset;
    }

    public URI baseUrl(int basePort) {
        return URI.create("http://localhost:" + port(basePort));
    }

    public URI readinessUrl(int basePort) {
        return baseUrl(basePort).resolve("/q/health/ready");
    }
}

package org.lifeline.launcher;

import java.net.URI;
import java.util.List;

/** One of the four Lifeline services: its module (and log) name, its fixed HTTP port and its database. */
public record ServiceSpec(String name, int port, String database, boolean usesKafka) {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", 8080, "lifeline_gateway", false);
    public static final ServiceSpec CAMPAIGNS = new ServiceSpec("campaigns-service", 8081, "lifeline_campaigns", true);
    public static final ServiceSpec DONATIONS = new ServiceSpec("donations-service", 8082, "lifeline_donations", true);
    public static final ServiceSpec RELIEF_FEED = new ServiceSpec("relief-feed-service", 8083, "lifeline_feed", true);

    /** All four, in start order. */
    public static final List<ServiceSpec> ALL = List.of(GATEWAY, CAMPAIGNS, DONATIONS, RELIEF_FEED);

    public URI baseUrl() {
        return URI.create("http://localhost:" + port);
    }

    public URI readinessUrl() {
        return baseUrl().resolve("/q/health/ready");
    }
}

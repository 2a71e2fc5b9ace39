package org.lifeline.gateway.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which service serves a path: the most specific matching pattern of all services' routes. */
public final class RouteTable {

    /** A service's route: the pattern and where its requests go. */
    public record Route(PathPattern pattern, String service, URI target) { }

    private static final Comparator<Route> MOST_SPECIFIC_FIRST =
            Comparator.comparing(Route::pattern, PathPattern.MOST_SPECIFIC_FIRST);

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = routes.stream().sorted(MOST_SPECIFIC_FIRST).toList();
    }

    static RouteTable of(Map<String, ProxyConfig.Service> services) {
        List<Route> routes = new ArrayList<>();
        services.forEach((name, service) -> service.routes().forEach(
                pattern -> routes.add(new Route(PathPattern.parse(pattern), name, service.url()))));
        return new RouteTable(routes);
    }

    /** The route of a normalised path, or empty when the gateway serves it itself. */
    public Optional<Route> match(String path) {
        List<String> segments = PathPattern.segments(path);
        return routes.stream().filter(route -> route.pattern().matches(segments)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }
}

package org.lifeline.support.stack;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.ConnectException;

/** Test-only Vert.x routes (outside the REST layer) that fail, as a streaming or proxy route can. */
@Singleton
public class ProbeRoutes {

    void register(@Observes Router router) {
        router.get("/test/probe-route/conflict").handler(context -> context.fail(409));
        router.get("/test/probe-route/bug").handler(context -> {
            throw new IllegalStateException("a bug in a route");
        });
        router.get("/test/probe-route/outage").handler(context -> context.fail(new ConnectException("Connection refused")));
    }
}

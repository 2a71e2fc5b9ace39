package org.lifeline.gateway.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /web-config.json}: what the web app needs to know of this deployment that the API does not say (the
 * map's tile server). The shell is rendered at build time, so this is read at run time instead.
 */
@ApplicationScoped
public class WebAppConfigRoute {

    private final WebConfig config;

    WebAppConfigRoute(WebConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        String body = new JsonObject()
                .put("mapTiles", config.mapTiles().filter(url -> WebHeaders.origin(url).isPresent()).orElse(null))
                .put("mapAttribution", config.mapAttribution().orElse(null))
                .encode();
        router.get("/web-config.json").handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                .end(body));
    }
}

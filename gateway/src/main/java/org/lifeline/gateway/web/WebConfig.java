package org.lifeline.gateway.web;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The web app served at {@code /}, under {@code lifeline.web.*}. */
@ConfigMapping(prefix = "lifeline.web")
public interface WebConfig {

    /**
     * The map's tile server as a Leaflet URL template ({@code https://tile.example.org/{z}/{x}/{y}.png}). Its origin
     * is added to the page's {@code img-src}. None: the map shows the sites on a plain background.
     */
    Optional<String> mapTiles();

    /** The attribution the tile server asks for, shown as text on the map. */
    Optional<String> mapAttribution();
}

package org.lifeline.campaigns.domain.campaign;

/** A point in WGS84 decimal degrees. */
public record Coordinates(double lat, double lon) {

    public boolean inWgs84Range() {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }
}

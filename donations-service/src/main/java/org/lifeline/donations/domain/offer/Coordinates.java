package org.lifeline.donations.domain.offer;

/** A point in WGS84 decimal degrees, written {@code {"lat", "lon"}}. */
public record Coordinates(double lat, double lon) {

    public boolean inRange() {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && !Double.isNaN(lat) && !Double.isNaN(lon);
    }
}

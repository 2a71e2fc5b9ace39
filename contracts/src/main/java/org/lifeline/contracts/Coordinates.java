package org.lifeline.contracts;

/** A point in WGS84 decimal degrees, written {@code {"lat", "lon"}}. */
public record Coordinates(double lat, double lon) {
}

package org.lifeline.contracts;

/** Where a need's goods are to go, and whether its coordinates may be shown exactly. */
public record Site(String name, double lat, double lon, Privacy privacy) {
}

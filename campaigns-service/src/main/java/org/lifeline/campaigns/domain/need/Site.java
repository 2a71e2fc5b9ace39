package org.lifeline.campaigns.domain.need;

import java.util.Objects;

/** Where the goods are needed, in WGS84 decimal degrees, with how precisely it may be shown. */
public record Site(String name, double lat, double lon, Privacy privacy) {

    public Site {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("site name is required");
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("site latitude must be within -90..90, was " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("site longitude must be within -180..180, was " + lon);
        }
        Objects.requireNonNull(privacy, "site privacy is required");
    }
}

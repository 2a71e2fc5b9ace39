package org.lifeline.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a need's site may be shown to the public: the one rule every public read goes through (campaigns-service's
 * need reads for anyone but the need's own coordinators and admins, relief-feed's listings, stream, export and
 * webhooks, donations-service's distances to a donor's offer). An EXACT site is shown as given; an APPROXIMATE site,
 * and one whose privacy is unknown or missing (never show more than the rule is sure of), is rounded to 0.01°
 * (about a kilometre), enough to plan a delivery, not to find the door of a shelter or a clinic.
 */
public final class PublicSites {

    /** Decimal places an APPROXIMATE site keeps. */
    public static final int DECIMALS = 2;

    private PublicSites() {
    }

    /** The site as the public may see it. */
    public static Site of(Site site) {
        if (shownExactly(site.privacy())) {
            return site;
        }
        return new Site(site.name(), round(site.lat()), round(site.lon()), site.privacy());
    }

    /** The point of a site as the public may see it, for callers that keep a site's parts apart. */
    public static Coordinates of(double lat, double lon, Privacy privacy) {
        return shownExactly(privacy) ? new Coordinates(lat, lon) : new Coordinates(round(lat), round(lon));
    }

    /**
     * The privacy a stored name stands for: {@link Privacy#UNKNOWN} for a name this code does not know or none, so
     * a site is never shown more exactly than the rule is sure of.
     */
    public static Privacy privacy(String name) {
        if (name == null) {
            return Privacy.UNKNOWN;
        }
        try {
            return Privacy.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return Privacy.UNKNOWN;
        }
    }

    /** Whether a site of this privacy may be shown as given: EXACT only. */
    public static boolean shownExactly(Privacy privacy) {
        return privacy == Privacy.EXACT;
    }

    /** Rounds to two decimals, half away from zero, the same way on every machine (decimal, not binary, halves). */
    public static double round(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }
}

package org.lifeline.feed.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.lifeline.contracts.Privacy;
import org.lifeline.contracts.Site;

/** How a site may be shown in public: APPROXIMATE sites (and sites of an unknown privacy) rounded to 0.01°. */
public final class PublicSites {

    private PublicSites() {
    }

    public static Site of(Site site) {
        if (site.privacy() == Privacy.EXACT) {
            return site;
        }
        return new Site(site.name(), round(site.lat()), round(site.lon()), site.privacy());
    }

    /** Rounds to two decimals, half away from zero, the same way on every machine. */
    public static double round(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}

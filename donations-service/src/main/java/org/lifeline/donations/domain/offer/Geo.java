package org.lifeline.donations.domain.offer;

/** Great-circle distances on a spherical earth (haversine), and the lower bounds the matcher's grid prunes with. */
public final class Geo {

    /** The mean earth radius (IUGG), in km. */
    public static final double EARTH_RADIUS_KM = 6371.0088;
    /** The length of one degree of a great circle, in km. */
    public static final double KM_PER_DEGREE = Math.PI * EARTH_RADIUS_KM / 180;

    private Geo() {
    }

    /** The great-circle distance between two points, in km (haversine formula). */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double sinPhi = Math.sin(dPhi / 2);
        double sinLambda = Math.sin(dLambda / 2);
        double h = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    public static double distanceKm(Coordinates a, Coordinates b) {
        return distanceKm(a.lat(), a.lon(), b.lat(), b.lon());
    }

    /**
     * A lower bound of the distance from a point to any point of a latitude/longitude box, in km. From the
     * haversine formula, hav θ = hav Δφ + cos φ₁ cos φ₂ hav Δλ ≥ max(hav Δφ, cos² φmax hav Δλ), with Δφ and Δλ
     * the smallest differences to the box and φmax the largest |latitude| involved.
     */
    public static double minDistanceKm(double lat, double lon, double latLo, double latHi, double lonLo,
                                       double lonHi) {
        double dLat = Math.max(0, Math.max(latLo - lat, lat - latHi));
        double dLon = 0;
        if (lon < lonLo || lon > lonHi) {
            double east = positiveDegrees(lonLo - lon);
            double west = positiveDegrees(lon - lonHi);
            dLon = Math.min(east, west);
        }
        double maxAbsLat = Math.min(90, Math.max(Math.abs(lat), Math.max(Math.abs(latLo), Math.abs(latHi))));
        double byLat = Math.toRadians(dLat);
        double byLon = 2 * Math.asin(Math.min(1, Math.cos(Math.toRadians(maxAbsLat))
                * Math.sin(Math.toRadians(Math.min(dLon, 180)) / 2)));
        return EARTH_RADIUS_KM * Math.max(byLat, byLon);
    }

    private static double positiveDegrees(double degrees) {
        double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }
}

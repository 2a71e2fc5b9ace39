package org.lifeline.donations.offer;

import org.lifeline.donations.domain.offer.Geo;
import org.lifeline.donations.domain.offer.ItemNames;
import org.lifeline.donations.domain.offer.MatchScore;
import org.lifeline.donations.domain.offer.MatchScore.OfferProfile;
import org.lifeline.donations.domain.offer.NeedCandidate;
import org.lifeline.donations.domain.offer.Sector;
import org.lifeline.donations.domain.offer.Urgency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The matcher's in-memory index of open needs: by (sector, normalised item), then by cells of a
 * latitude/longitude grid, so an offer is scored only against needs of its item in cells that can still
 * make the top of the ranking.
 *
 * <p>Ranking is exact (it returns what {@link ScanRanker} returns): each cell keeps the most urgent
 * urgency and the earliest deadline of its needs, which with the cell's smallest possible distance from
 * the offer ({@link Geo#minDistanceKm}) give an upper bound of any of its scores
 * ({@link MatchScore#upperBound}). Cells are visited best bound first, and the visit stops when no cell
 * left can beat the last of the top {@code limit}. With a maximum distance only the cells of its bounding
 * box are looked at. Removing a need leaves a cell's bounds as they were: still upper bounds, rebuilt by
 * the next {@link #replaceAll}.
 *
 * <p>Readers share a read lock; changes take the write lock (they are rare next to rankings).
 */
public final class NeedIndex {

    /** The default cell size: 0.5° is about 55 km north–south, 45 km east–west across China. */
    public static final double DEFAULT_CELL_DEGREES = 0.5;

    private record Key(Sector sector, String item) { }

    private record Place(Key key, long cell) { }

    private static final class Cell {
        final double latLo;
        final double latHi;
        final double lonLo;
        final double lonHi;
        final List<NeedCandidate> needs = new ArrayList<>(4);
        Urgency mostUrgent = Urgency.LOW;
        Instant earliestNeededBy;

        Cell(double latLo, double latHi, double lonLo, double lonHi) {
            this.latLo = latLo;
            this.latHi = latHi;
            this.lonLo = lonLo;
            this.lonHi = lonHi;
        }

        void add(NeedCandidate need) {
            needs.add(need);
            if (need.urgency().compareTo(mostUrgent) < 0) {
                mostUrgent = need.urgency();
            }
            if (need.neededBy() != null && (earliestNeededBy == null || need.neededBy().isBefore(earliestNeededBy))) {
                earliestNeededBy = need.neededBy();
            }
        }
    }

    private record Bound(Cell cell, double minDistanceKm, double upper) { }

    private final double cellDegrees;
    private final int lonCells;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Map<Key, Map<Long, Cell>> buckets = new HashMap<>();
    private Map<UUID, Place> places = new HashMap<>();

    public NeedIndex() {
        this(DEFAULT_CELL_DEGREES);
    }

    public NeedIndex(double cellDegrees) {
        if (!(cellDegrees > 0 && cellDegrees <= 90)) {
            throw new IllegalArgumentException("cell size must be in (0°, 90°]");
        }
        this.cellDegrees = cellDegrees;
        this.lonCells = (int) Math.ceil(360 / cellDegrees) + 1;
    }

    /** Replaces everything with these needs (built aside, swapped in at once). */
    public void replaceAll(Collection<NeedCandidate> needs) {
        Map<Key, Map<Long, Cell>> newBuckets = new HashMap<>();
        Map<UUID, Place> newPlaces = new HashMap<>(needs.size() * 2);
        for (NeedCandidate need : needs) {
            if (need.outstanding() > 0 && !newPlaces.containsKey(need.needId())) {
                newPlaces.put(need.needId(), add(newBuckets, need));
            }
        }
        lock.writeLock().lock();
        try {
            buckets = newBuckets;
            places = newPlaces;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds or replaces a need; a need with nothing outstanding leaves the index. */
    public void put(NeedCandidate need) {
        lock.writeLock().lock();
        try {
            removeLocked(need.needId());
            if (need.outstanding() > 0) {
                places.put(need.needId(), add(buckets, need));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(UUID needId) {
        lock.writeLock().lock();
        try {
            removeLocked(needId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return places.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A ranking, and how much of the index it looked at: cells bounded, and needs scored. */
    public record Ranking(List<RankedNeed> ranked, int cellsBounded, int needsScored) { }

    /** The best {@code limit} needs for the offer, best first ({@link RankedNeed#BEST_FIRST}). */
    public List<RankedNeed> rank(OfferProfile offer, Instant now, int limit) {
        return explain(offer, now, limit).ranked();
    }

    /** {@link #rank}, with how much work it took (for the benchmark and for diagnosis). */
    public Ranking explain(OfferProfile offer, Instant now, int limit) {
        if (limit <= 0 || offer.quantity() <= 0) {
            return new Ranking(List.of(), 0, 0);
        }
        lock.readLock().lock();
        try {
            Map<Long, Cell> cells = buckets.get(new Key(offer.sector(), offer.itemKey()));
            if (cells == null) {
                return new Ranking(List.of(), 0, 0);
            }
            List<Bound> bounds = bounds(cells, offer, now);
            bounds.sort((a, b) -> Double.compare(b.upper(), a.upper()));
            PriorityQueue<RankedNeed> best = new PriorityQueue<>(limit + 1, RankedNeed.BEST_FIRST.reversed());
            double lat = offer.location().lat();
            double lon = offer.location().lon();
            int scored = 0;
            for (Bound bound : bounds) {
                if (best.size() >= limit && bound.upper() < best.peek().score()) {
                    break;
                }
                scored += bound.cell().needs.size();
                for (NeedCandidate need : bound.cell().needs) {
                    double distance = Geo.distanceKm(lat, lon, need.site().lat(), need.site().lon());
                    if (offer.withinReach(distance)) {
                        offer(best, new RankedNeed(need, MatchScore.score(offer, need, distance, now), distance),
                                limit);
                    }
                }
            }
            List<RankedNeed> ranked = new ArrayList<>(best);
            ranked.sort(RankedNeed.BEST_FIRST);
            return new Ranking(ranked, bounds.size(), scored);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Keeps the best {@code limit} in a heap whose head is the worst of them. */
    static void offer(PriorityQueue<RankedNeed> best, RankedNeed candidate, int limit) {
        if (best.size() < limit) {
            best.add(candidate);
        } else if (RankedNeed.BEST_FIRST.compare(candidate, best.peek()) < 0) {
            best.poll();
            best.add(candidate);
        }
    }

    /** The cells worth a look, with their bounds: within the maximum distance's box, or all of them. */
    private List<Bound> bounds(Map<Long, Cell> cells, OfferProfile offer, Instant now) {
        double lat = offer.location().lat();
        double lon = offer.location().lon();
        List<Cell> candidates = null;
        if (offer.maxDistanceKm() != null) {
            candidates = cellsInReach(cells, lat, lon, offer.maxDistanceKm());
        }
        Collection<Cell> visit = candidates != null ? candidates : cells.values();
        List<Bound> bounds = new ArrayList<>(visit.size());
        for (Cell cell : visit) {
            if (cell.needs.isEmpty()) {
                continue;
            }
            double min = Geo.minDistanceKm(lat, lon, cell.latLo, cell.latHi, cell.lonLo, cell.lonHi);
            if (offer.maxDistanceKm() != null && min > offer.maxDistanceKm()) {
                continue;
            }
            bounds.add(new Bound(cell, min, MatchScore.upperBound(cell.mostUrgent, cell.earliestNeededBy, min, now)));
        }
        return bounds;
    }

    /**
     * The cells of the box around the point that holds every point within {@code km}; null when that box
     * is larger than the bucket (visiting the bucket's cells is then cheaper) or wraps around a pole or
     * the antimeridian.
     */
    private List<Cell> cellsInReach(Map<Long, Cell> cells, double lat, double lon, double km) {
        double dLat = km / Geo.KM_PER_DEGREE;
        double latLo = lat - dLat;
        double latHi = lat + dLat;
        if (latLo <= -90 || latHi >= 90) {
            return null;
        }
        // A point within km differs in longitude by at most 2·asin(sin(km / 2R) / cos φmax) (see Geo.minDistanceKm).
        double cosMax = Math.cos(Math.toRadians(Math.max(Math.abs(latLo), Math.abs(latHi))));
        double s = Math.sin(km / (2 * Geo.EARTH_RADIUS_KM)) / cosMax;
        if (s >= 1) {
            return null;
        }
        double dLon = Math.toDegrees(2 * Math.asin(s));
        double lonLo = lon - dLon;
        double lonHi = lon + dLon;
        if (lonLo < -180 || lonHi > 180) {
            return null;
        }
        int latFirst = latIndex(latLo);
        int latLast = latIndex(latHi);
        int lonFirst = lonIndex(lonLo);
        int lonLast = lonIndex(lonHi);
        long boxCells = (long) (latLast - latFirst + 1) * (lonLast - lonFirst + 1);
        if (boxCells > cells.size()) {
            return null;
        }
        List<Cell> found = new ArrayList<>();
        for (int i = latFirst; i <= latLast; i++) {
            for (int j = lonFirst; j <= lonLast; j++) {
                Cell cell = cells.get(cellId(i, j));
                if (cell != null) {
                    found.add(cell);
                }
            }
        }
        return found;
    }

    private Place add(Map<Key, Map<Long, Cell>> into, NeedCandidate need) {
        Key key = new Key(need.sector(), ItemNames.normalise(need.item()));
        int i = latIndex(need.site().lat());
        int j = lonIndex(need.site().lon());
        long id = cellId(i, j);
        into.computeIfAbsent(key, k -> new HashMap<>())
                .computeIfAbsent(id, k -> new Cell(i * cellDegrees - 90, (i + 1) * cellDegrees - 90,
                        j * cellDegrees - 180, (j + 1) * cellDegrees - 180))
                .add(need);
        return new Place(key, id);
    }

    private void removeLocked(UUID needId) {
        Place place = places.remove(needId);
        if (place == null) {
            return;
        }
        Map<Long, Cell> cells = buckets.get(place.key());
        Cell cell = cells == null ? null : cells.get(place.cell());
        if (cell != null) {
            cell.needs.removeIf(need -> need.needId().equals(needId));
            if (cell.needs.isEmpty()) {
                cells.remove(place.cell());
            }
        }
    }

    private int latIndex(double lat) {
        return (int) Math.floor((Math.max(-90, Math.min(90, lat)) + 90) / cellDegrees);
    }

    private int lonIndex(double lon) {
        return (int) Math.floor((Math.max(-180, Math.min(180, lon)) + 180) / cellDegrees);
    }

    private long cellId(int latIndex, int lonIndex) {
        return (long) latIndex * lonCells + lonIndex;
    }
}

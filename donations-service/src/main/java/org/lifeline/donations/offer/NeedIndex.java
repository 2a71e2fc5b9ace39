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
 * The matcher's in-memory index of open needs: by (sector, normalised item), then by a two-level
 * latitude/longitude grid (cells of 0.5°, in blocks of 8 × 8 cells), so an offer is scored only against
 * needs of its item in the cells that can still make the top of its ranking.
 *
 * <p>Ranking is exact (it returns what {@link ScanRanker} returns) by branch and bound: every cell and
 * block keeps the most urgent urgency and the earliest deadline of its needs, which with the smallest
 * distance the offer can be from it ({@link Geo#minDistanceKm}) bound any score inside it
 * ({@link MatchScore#upperBound}). Blocks, then their cells, are visited best bound first; the visit
 * stops as soon as no block or cell left can beat the last of the top {@code limit}, and skips those
 * beyond the offer's maximum distance. Removing a need leaves the bounds as they were: still upper
 * bounds, made tight again by the next {@link #replaceAll}.
 *
 * <p>Rankings share a read lock; changes take the write lock (they are rare next to rankings).
 */
public final class NeedIndex {

    /** The default cell size: 0.5° is about 55 km north–south, 45 km east–west across China. */
    public static final double DEFAULT_CELL_DEGREES = 0.5;
    /** Cells per block side. */
    private static final int BLOCK = 8;

    /** A ranking, and how much of the index it looked at: blocks and cells bounded, needs scored. */
    public record Ranking(List<RankedNeed> ranked, int regionsBounded, int needsScored) { }

    private record Key(Sector sector, String item) { }

    private record Place(Key key, long cell) { }

    /** A box of the grid, with bounds of what it holds. */
    private abstract static class Region {
        final double latLo;
        final double latHi;
        final double lonLo;
        final double lonHi;
        Urgency mostUrgent = Urgency.LOW;
        Instant earliestNeededBy;

        Region(double latLo, double latHi, double lonLo, double lonHi) {
            this.latLo = latLo;
            this.latHi = latHi;
            this.lonLo = lonLo;
            this.lonHi = lonHi;
        }

        void widen(NeedCandidate need) {
            if (need.urgency().compareTo(mostUrgent) < 0) {
                mostUrgent = need.urgency();
            }
            if (need.neededBy() != null && (earliestNeededBy == null || need.neededBy().isBefore(earliestNeededBy))) {
                earliestNeededBy = need.neededBy();
            }
        }

        double minDistanceKm(double lat, double lon) {
            return Geo.minDistanceKm(lat, lon, latLo, latHi, lonLo, lonHi);
        }
    }

    private static final class Cell extends Region {
        final List<NeedCandidate> needs = new ArrayList<>(4);
        final Block block;

        Cell(double latLo, double latHi, double lonLo, double lonHi, Block block) {
            super(latLo, latHi, lonLo, lonHi);
            this.block = block;
        }
    }

    private static final class Block extends Region {
        final List<Cell> cells = new ArrayList<>();

        Block(double latLo, double latHi, double lonLo, double lonHi) {
            super(latLo, latHi, lonLo, lonHi);
        }
    }

    /** The needs of one item: cells by id, blocks by id. */
    private static final class Bucket {
        final Map<Long, Cell> cells = new HashMap<>();
        final Map<Long, Block> blocks = new HashMap<>();
    }

    private record Bound<R extends Region>(R region, double upper) { }

    private final double cellDegrees;
    private final int lonCells;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Map<Key, Bucket> buckets = new HashMap<>();
    private Map<UUID, Place> places = new HashMap<>();

    public NeedIndex() {
        this(DEFAULT_CELL_DEGREES);
    }

    public NeedIndex(double cellDegrees) {
        if (!(cellDegrees > 0 && cellDegrees <= 10)) {
            throw new IllegalArgumentException("cell size must be in (0°, 10°]");
        }
        this.cellDegrees = cellDegrees;
        this.lonCells = (int) Math.ceil(360 / cellDegrees) + 1;
    }

    /** Replaces everything with these needs (built aside, swapped in at once). */
    public void replaceAll(Collection<NeedCandidate> needs) {
        Map<Key, Bucket> newBuckets = new HashMap<>();
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
            Bucket bucket = buckets.get(new Key(offer.sector(), offer.itemKey()));
            if (bucket == null) {
                return new Ranking(List.of(), 0, 0);
            }
            double lat = offer.location().lat();
            double lon = offer.location().lon();
            PriorityQueue<RankedNeed> best = new PriorityQueue<>(limit + 1, RankedNeed.BEST_FIRST.reversed());
            int bounded = 0;
            int scored = 0;
            List<Bound<Block>> blocks = bounds(bucket.blocks.values(), offer, now);
            bounded += blocks.size();
            for (Bound<Block> block : blocks) {
                if (cannotImprove(best, limit, block.upper())) {
                    break;
                }
                List<Bound<Cell>> cells = bounds(block.region().cells, offer, now);
                bounded += cells.size();
                for (Bound<Cell> cell : cells) {
                    if (cannotImprove(best, limit, cell.upper())) {
                        break;
                    }
                    scored += cell.region().needs.size();
                    for (NeedCandidate need : cell.region().needs) {
                        double distance = Geo.distanceKm(lat, lon, need.site().lat(), need.site().lon());
                        if (offer.withinReach(distance)) {
                            offer(best, new RankedNeed(need, MatchScore.score(offer, need, distance, now), distance),
                                    limit);
                        }
                    }
                }
            }
            List<RankedNeed> ranked = new ArrayList<>(best);
            ranked.sort(RankedNeed.BEST_FIRST);
            return new Ranking(ranked, bounded, scored);
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

    private static boolean cannotImprove(PriorityQueue<RankedNeed> best, int limit, double upper) {
        return best.size() >= limit && upper < best.peek().score();
    }

    /** The regions within the offer's reach, with their score bounds, best bound first. */
    private static <R extends Region> List<Bound<R>> bounds(Collection<R> regions, OfferProfile offer, Instant now) {
        double lat = offer.location().lat();
        double lon = offer.location().lon();
        List<Bound<R>> bounds = new ArrayList<>(regions.size());
        for (R region : regions) {
            double min = region.minDistanceKm(lat, lon);
            if (offer.maxDistanceKm() == null || min <= offer.maxDistanceKm()) {
                bounds.add(new Bound<>(region, MatchScore.upperBound(region.mostUrgent, region.earliestNeededBy, min,
                        now)));
            }
        }
        bounds.sort((a, b) -> Double.compare(b.upper(), a.upper()));
        return bounds;
    }

    private Place add(Map<Key, Bucket> into, NeedCandidate need) {
        Key key = new Key(need.sector(), ItemNames.normalise(need.item()));
        Bucket bucket = into.computeIfAbsent(key, k -> new Bucket());
        int i = latIndex(need.site().lat());
        int j = lonIndex(need.site().lon());
        long id = id(i, j);
        Cell cell = bucket.cells.get(id);
        if (cell == null) {
            int bi = Math.floorDiv(i, BLOCK);
            int bj = Math.floorDiv(j, BLOCK);
            double blockDegrees = cellDegrees * BLOCK;
            Block block = bucket.blocks.computeIfAbsent(id(bi, bj), k -> new Block(bi * blockDegrees - 90,
                    (bi + 1) * blockDegrees - 90, bj * blockDegrees - 180, (bj + 1) * blockDegrees - 180));
            cell = new Cell(i * cellDegrees - 90, (i + 1) * cellDegrees - 90, j * cellDegrees - 180,
                    (j + 1) * cellDegrees - 180, block);
            block.cells.add(cell);
            bucket.cells.put(id, cell);
        }
        cell.needs.add(need);
        cell.widen(need);
        cell.block.widen(need);
        return new Place(key, id);
    }

    private void removeLocked(UUID needId) {
        Place place = places.remove(needId);
        if (place == null) {
            return;
        }
        Bucket bucket = buckets.get(place.key());
        Cell cell = bucket == null ? null : bucket.cells.get(place.cell());
        if (cell == null) {
            return;
        }
        cell.needs.removeIf(need -> need.needId().equals(needId));
        if (cell.needs.isEmpty()) {
            bucket.cells.remove(place.cell());
            cell.block.cells.remove(cell);
            if (cell.block.cells.isEmpty()) {
                bucket.blocks.values().remove(cell.block);
            }
        }
    }

    private int latIndex(double lat) {
        return (int) Math.floor((Math.max(-90, Math.min(90, lat)) + 90) / cellDegrees);
    }

    private int lonIndex(double lon) {
        return (int) Math.floor((Math.max(-180, Math.min(180, lon)) + 180) / cellDegrees);
    }

    private long id(int latIndex, int lonIndex) {
        return (long) latIndex * lonCells + lonIndex;
    }
}

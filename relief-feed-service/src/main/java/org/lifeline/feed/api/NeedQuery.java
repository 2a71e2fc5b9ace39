package org.lifeline.feed.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.lifeline.contracts.Sector;
import org.lifeline.contracts.need.Urgency;
import org.lifeline.feed.domain.NeedListing;
import org.lifeline.feed.domain.NeedStatus;

/**
 * A needs listing request: filters, the point to measure distance from ({@code near}, with an optional
 * {@code radiusKm}), the page ({@code limit}, {@code cursor}) and the time to look at ({@code asOf}, null = now).
 *
 * @param after the sort values of the last item of the previous page, or null for the first page
 */
public record NeedQuery(UUID campaignId, List<String> sectors, List<Integer> urgencyRanks, List<String> statuses,
                        String item, Near near, Double radiusKm, int limit, After after, Instant asOf) {

    /** Where distances are measured from. */
    public record Near(double lat, double lon) {
    }

    /** Keyset position: urgency rank, distance (null without near), deadline (null = none) and id. */
    public record After(int urgencyRank, Double distanceKm, Instant neededBy, UUID id) {
    }

    /** The longest distance between two points of the Earth, and so the widest useful radius. */
    static final double MAX_RADIUS_KM = 20_016;

    private static final Set<String> SECTORS = Arrays.stream(Sector.values()).filter(s -> s != Sector.UNKNOWN)
            .map(Enum::name).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> URGENCIES = Arrays.stream(Urgency.values()).filter(u -> u != Urgency.UNKNOWN)
            .map(Enum::name).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> STATUSES = Arrays.stream(NeedStatus.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    /** Reads and checks the parameters; every invalid one is reported in one 400. */
    public static NeedQuery parse(String campaignId, String sector, String urgency, String status, String item,
                                  String near, String radiusKm, String limit, String cursor, String asOf) {
        QueryParams params = new QueryParams();
        UUID campaign = params.uuid("campaignId", campaignId);
        List<String> sectors = params.codes("sector", sector, SECTORS::contains, String.join(" ", sorted(SECTORS)));
        List<Integer> ranks = params.codes("urgency", urgency, URGENCIES::contains, "CRITICAL HIGH MEDIUM LOW")
                .stream().map(u -> NeedListing.urgencyRank(Urgency.valueOf(u))).toList();
        List<String> statuses = params.codes("status", status, STATUSES::contains,
                "OPEN FULLY_PLEDGED FULFILLED CLOSED CANCELLED EXPIRED");
        String itemText = QueryParams.blank(item) ? null : item.trim();
        if (itemText != null && itemText.length() > 200) {
            itemText = params.error("item", "must be at most 200 characters");
        }
        Near point = near(params, near);
        Double radius = params.number("radiusKm", radiusKm, 0, MAX_RADIUS_KM);
        if (radius != null && QueryParams.blank(near)) {
            params.error("radiusKm", "needs near=lat,lon to measure from");
        }
        int pageSize = params.limit(limit);
        Instant time = params.pastTime("asOf", asOf);
        String fingerprint = fingerprint(campaign, sectors, ranks, statuses, itemText, point, radius, time);
        After after = after(Cursors.decode(cursor, params), fingerprint, point != null, params);
        params.check();
        return new NeedQuery(campaign, sectors, ranks, statuses, itemText, point, radius, pageSize, after, time);
    }

    /** The cursor that continues after the given last item of a page. */
    public String cursorAfter(After last) {
        ObjectNode values = Cursors.object();
        values.put("u", last.urgencyRank());
        if (last.distanceKm() != null) {
            values.put("d", last.distanceKm());
        }
        if (last.neededBy() != null) {
            values.put("b", last.neededBy().toString());
        }
        values.put("i", last.id().toString());
        values.put("f", fingerprint(campaignId, sectors, urgencyRanks, statuses, item, near, radiusKm, asOf));
        return Cursors.encode(values);
    }

    private static Near near(QueryParams params, String near) {
        if (QueryParams.blank(near)) {
            return null;
        }
        String[] parts = near.split(",");
        if (parts.length == 2) {
            try {
                double lat = Double.parseDouble(parts[0].trim());
                double lon = Double.parseDouble(parts[1].trim());
                if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
                    return new Near(lat, lon);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        return params.error("near", "must be lat,lon in decimal degrees (lat -90..90, lon -180..180)");
    }

    private static After after(ObjectNode values, String fingerprint, boolean withDistance, QueryParams params) {
        if (values == null) {
            return null;
        }
        try {
            if (!fingerprint.equals(values.path("f").asText())) {
                return params.error("cursor", "belongs to a listing with other filters; start again without it");
            }
            Double distance = values.has("d") ? values.get("d").asDouble() : null;
            if (withDistance != (distance != null) || !values.path("u").canConvertToInt()) {
                return params.error("cursor", "is not a cursor this list gave out");
            }
            Instant neededBy = values.has("b") ? Instant.parse(values.get("b").asText()) : null;
            return new After(values.get("u").asInt(), distance, neededBy, UUID.fromString(values.path("i").asText()));
        } catch (RuntimeException e) {
            return params.error("cursor", "is not a cursor this list gave out");
        }
    }

    /** Ties a cursor to the filters it was made for, so that it is never applied to another listing. */
    private static String fingerprint(UUID campaignId, List<String> sectors, List<Integer> ranks,
                                      List<String> statuses, String item, Near near, Double radiusKm, Instant asOf) {
        String canonical = String.join("|", String.valueOf(campaignId), sorted(sectors).toString(),
                ranks.stream().sorted().toList().toString(), sorted(statuses).toString(), String.valueOf(item),
                String.valueOf(near), String.valueOf(radiusKm), String.valueOf(asOf));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> sorted(java.util.Collection<String> values) {
        return values.stream().sorted().toList();
    }
}

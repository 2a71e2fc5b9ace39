package org.lifeline.launcher;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The books as relief-feed-service shows them, read from the tables its public reads serve: the need listings
 * ({@code feed_needs}), the campaigns ({@code feed_campaigns}) with their money and donors, the public pledges
 * ({@code feed_pledges}) and, for pledges and donations, how often the feed log holds their opening event.
 */
final class FeedBooks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 1000;

    private FeedBooks() {
    }

    /** Reads the feed; the connection should be in a read-only snapshot (one transaction). */
    static Books read(Connection feed) throws SQLException {
        Map<UUID, Books.NeedFigures> needs = new LinkedHashMap<>();
        query(feed, "SELECT id, data::text AS data FROM feed_needs", rows -> {
            JsonNode need = json(rows.getString("data"));
            needs.put(rows.getObject("id", UUID.class), new Books.NeedFigures(need.path("item").asText(null),
                    need.path("requested").asInt(), need.path("reserved").asInt(), need.path("delivered").asInt(),
                    need.path("outstanding").asInt(), need.path("status").asText(null)));
        });

        Map<UUID, String> status = new HashMap<>();
        query(feed, "SELECT id, data->>'status' AS status FROM feed_campaigns",
                rows -> status.put(rows.getObject("id", UUID.class), rows.getString("status")));
        Map<UUID, Map<String, Long>> raised = new HashMap<>();
        Map<UUID, Map<String, Long>> matched = new HashMap<>();
        query(feed, "SELECT campaign_id, currency, received - refunded AS raised, matched FROM feed_campaign_money",
                rows -> {
                    UUID campaignId = rows.getObject("campaign_id", UUID.class);
                    String currency = rows.getString("currency");
                    raised.computeIfAbsent(campaignId, ignored -> new HashMap<>()).put(currency, rows.getLong("raised"));
                    matched.computeIfAbsent(campaignId, ignored -> new HashMap<>()).put(currency, rows.getLong("matched"));
                });
        Map<UUID, Long> donors = new HashMap<>();
        query(feed, "SELECT campaign_id, count(*) AS donors FROM feed_campaign_donors GROUP BY campaign_id",
                rows -> donors.put(rows.getObject("campaign_id", UUID.class), rows.getLong("donors")));
        Set<UUID> campaignIds = new HashSet<>(status.keySet());
        campaignIds.addAll(raised.keySet());
        campaignIds.addAll(donors.keySet());
        Map<UUID, Books.CampaignFigures> campaigns = new LinkedHashMap<>();
        for (UUID id : campaignIds) {
            campaigns.put(id, new Books.CampaignFigures(status.get(id), raised.getOrDefault(id, Map.of()),
                    matched.getOrDefault(id, Map.of()), donors.getOrDefault(id, 0L)));
        }

        Map<UUID, Integer> pledgesLogged = new HashMap<>();
        query(feed, "SELECT subject, count(*) AS recorded FROM feed_log"
                        + " WHERE type IN ('pledge.PledgeReserved', 'pledge.PledgeRejected') GROUP BY subject",
                rows -> pledgesLogged.put(UUID.fromString(rows.getString("subject")), rows.getInt("recorded")));
        Map<UUID, Books.PledgeFigures> pledges = new LinkedHashMap<>();
        query(feed, "SELECT id, data->>'status' AS status, (data->>'reserved')::int AS reserved FROM feed_pledges",
                rows -> {
                    UUID id = rows.getObject("id", UUID.class);
                    pledges.put(id, new Books.PledgeFigures(rows.getString("status"), rows.getInt("reserved"),
                            pledgesLogged.getOrDefault(id, 0)));
                });
        // Logged but without a listing: kept so that the comparison reports them.
        pledgesLogged.forEach((id, recorded) -> pledges.putIfAbsent(id, new Books.PledgeFigures(null, 0, recorded)));

        Map<UUID, Integer> donations = new LinkedHashMap<>();
        query(feed, "SELECT subject, count(*) AS recorded FROM feed_log WHERE type = 'donation.DonationReceived'"
                        + " GROUP BY subject",
                rows -> donations.put(UUID.fromString(rows.getString("subject")), rows.getInt("recorded")));
        return new Books(needs, campaigns, pledges, donations);
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection feed, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement query = feed.prepareStatement(sql)) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable feed row (" + text.length() + " characters)", e);
        }
    }
}

package org.lifeline.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.lifeline.feed.infra.FeedJson;

/**
 * Streams the HXL export from a database cursor: rows are fetched a few hundred at a time and written as they
 * come, so memory stays flat however many needs there are, and a slow client slows only its own cursor. The
 * whole export reads one snapshot (REPEATABLE READ), so its rows and its {@code #meta+source} position agree.
 * The same {@code asOf} gives the same bytes: rows come from each need's latest history row at or before it, in
 * a fixed order, and the position is the last one at or before it.
 */
@ApplicationScoped
public class NeedExport {

    private static final int FETCH_SIZE = 500;
    private static final String CURRENT = "SELECT id, campaign_id, posted_at, data FROM feed_needs";
    private static final String AS_OF = "SELECT DISTINCT ON (need_id) need_id AS id, campaign_id, posted_at, data"
            + " FROM feed_need_history WHERE occurred_at <= ? ORDER BY need_id, position DESC";

    private final DataSource dataSource;

    NeedExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public StreamingOutput csv(UUID campaignId, Instant asOf) {
        return output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 16 * 1024);
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
                try {
                    long position = position(connection, asOf);
                    out.write(HxlCsv.line(HxlCsv.HEADERS));
                    out.write(HxlCsv.line(HxlCsv.HASHTAGS));
                    writeNeeds(connection, campaignId, asOf, position, out);
                    out.flush();
                } finally {
                    connection.rollback();
                    connection.setReadOnly(false);
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IOException("the export failed: " + e.getMessage(), e);
            }
        };
    }

    /** The feed position the export shows: now, or the last position at or before {@code asOf}. */
    private static long position(Connection connection, Instant asOf) throws SQLException {
        String sql = asOf == null ? "SELECT last_position FROM feed_counter"
                : "SELECT COALESCE(max(position), 0) FROM feed_log WHERE occurred_at <= ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (asOf != null) {
                statement.setObject(1, asOf.atOffset(ZoneOffset.UTC));
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * The crisis code of each campaign: its GLIDE number as it stood at {@code asOf} (from the campaign's feed-log
     * rows, so a later revision does not change an old export), for campaigns that have one.
     */
    private static Map<String, String> crisisCodes(Connection connection, Instant asOf) throws SQLException {
        String sql = asOf == null
                ? "SELECT id::text, data->>'glide' FROM feed_campaigns WHERE data->>'glide' IS NOT NULL"
                : "SELECT campaign_id::text, glide FROM (SELECT DISTINCT ON (campaign_id) campaign_id,"
                + " data->>'glide' AS glide FROM feed_log WHERE kind = 'campaign' AND occurred_at <= ?"
                + " ORDER BY campaign_id, position DESC) c WHERE glide IS NOT NULL";
        Map<String, String> codes = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (asOf != null) {
                statement.setObject(1, asOf.atOffset(ZoneOffset.UTC));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    codes.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return codes;
    }

    private static void writeNeeds(Connection connection, UUID campaignId, Instant asOf, long position, Writer out)
            throws SQLException, IOException {
        Map<String, String> crisisCodes = crisisCodes(connection, asOf);
        // With asOf the campaign is filtered inside the history query (a need never changes campaign), so a
        // campaign's export reads that campaign's history only; the parameters stay in the same order.
        String source = asOf == null ? CURRENT
                : campaignId == null ? AS_OF : AS_OF.replace(" ORDER BY", " AND campaign_id = ? ORDER BY");
        String sql = "SELECT n.data::text FROM (" + source + ") n"
                + (campaignId == null || asOf != null ? "" : " WHERE n.campaign_id = ?") + " ORDER BY n.posted_at, n.id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            int index = 1;
            if (asOf != null) {
                statement.setObject(index++, asOf.atOffset(ZoneOffset.UTC));
            }
            if (campaignId != null) {
                statement.setObject(index, campaignId);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    JsonNode need = FeedJson.tree(rows.getString(1));
                    String campaign = need.path("campaignId").asText();
                    out.write(HxlCsv.line(HxlCsv.needRow(need, crisisCodes.getOrDefault(campaign, campaign), position)));
                }
            }
        }
    }
}

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
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The books as the event stores of campaigns-service and donations-service tell them, folded from the events
 * themselves (not from the services' own read models, which are projections too). A need's requested quantity
 * and status come from its events in campaigns-service; what is reserved and delivered comes from its pledge
 * ledger in donations-service, the source of truth for pledges. campaigns-service keeps its own mirror of those
 * counters (NeedQuantityReserved, NeedReservationReleased, NeedDeliveryRecorded), returned apart so that the
 * two stores can be checked against each other.
 */
final class EventStoreBooks {

    /** The books, and the reserved and delivered counters by need as campaigns-service's need events mirror them. */
    record Reading(Books books, Map<UUID, Counters> campaignsMirror) {
    }

    /** What is reserved (held by live pledges plus what was received) and delivered on a need. */
    record Counters(int reserved, int delivered) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 1000;

    private final Map<UUID, NeedFold> needs = new LinkedHashMap<>();
    private final Map<UUID, LedgerFold> ledgers = new HashMap<>();
    private final Map<UUID, CampaignFold> campaigns = new LinkedHashMap<>();
    private final Map<UUID, PledgeFold> pledges = new LinkedHashMap<>();
    private final Map<UUID, Integer> donations = new LinkedHashMap<>();

    private EventStoreBooks() {
    }

    /** Reads both stores; each connection should be in a read-only snapshot (one transaction). */
    static Reading read(Connection campaignsStore, Connection donationsStore) throws SQLException {
        EventStoreBooks books = new EventStoreBooks();
        fold(campaignsStore, "'campaign', 'need'", books::applyCampaigns);
        fold(donationsStore, "'pledge', 'pledge-attempt', 'donation', 'match-pool'", books::applyDonations);
        return books.reading();
    }

    private static void fold(Connection store, String streamTypes, Consumer<StoredEvent> apply) throws SQLException {
        try (PreparedStatement query = store.prepareStatement("SELECT stream_id, event_type, schema_version,"
                + " payload::text AS payload FROM events WHERE stream_type IN (" + streamTypes + ")"
                + " ORDER BY stream_id, version")) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StoredEvent event = new StoredEvent(rows.getString("stream_id"), rows.getString("event_type"),
                            rows.getInt("schema_version"), rows.getString("payload"));
                    if (event.schemaVersion() != 1) {
                        // A newer schema needs the upcaster this fold does not have: stop rather than misread.
                        throw new IllegalStateException("%s in stream %s has schema version %d; this reconciliation reads version 1 only"
                                .formatted(event.type(), event.streamId(), event.schemaVersion()));
                    }
                    apply.accept(event);
                }
            }
        }
    }

    private record StoredEvent(String streamId, String type, int schemaVersion, String payload) {

        JsonNode data() {
            try {
                return JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable payload of " + type + " in stream " + streamId, e);
            }
        }
    }

    // ----- campaigns-service: campaigns and needs -----

    private void applyCampaigns(StoredEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "CampaignOpened" -> campaign(uuid(data, "campaignId")).status = "ACTIVE";
            case "CampaignClosed" -> campaign(uuid(data, "campaignId")).status = "CLOSED";
            case "NeedPosted" -> {
                NeedFold need = need(uuid(data, "needId"));
                need.campaignId = uuid(data, "campaignId");
                need.item = data.path("item").asText();
                need.requested = data.path("quantity").asInt();
            }
            case "NeedQuantityRevised" -> need(uuid(data, "needId")).requested = data.path("to").asInt();
            case "NeedQuantityReserved" -> need(uuid(data, "needId")).reserved += data.path("quantity").asInt();
            case "NeedReservationReleased" -> need(uuid(data, "needId")).reserved -= data.path("quantity").asInt();
            case "NeedDeliveryRecorded" -> need(uuid(data, "needId")).delivered += data.path("quantity").asInt();
            case "NeedExpired" -> need(uuid(data, "needId")).ended = "EXPIRED";
            case "NeedFulfilled" -> need(uuid(data, "needId")).ended = "FULFILLED";
            case "NeedClosed" -> need(uuid(data, "needId")).ended = "CLOSED";
            case "NeedCancelled" -> need(uuid(data, "needId")).ended = "CANCELLED";
            default -> {
                // details, posts, urgency, deadline, freshness: no figure the feed is checked on
            }
        }
    }

    // ----- donations-service: pledge ledgers, pledge attempts, donations, match pools -----

    private void applyDonations(StoredEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "PledgeReserved" -> {
                UUID needId = uuid(data, "needId");
                int reserved = data.path("reserved").asInt();
                ledger(needId).reserved += reserved;
                PledgeFold pledge = pledge(uuid(data, "pledgeId"));
                pledge.status = "RESERVED";
                pledge.reserved = reserved;
                pledge.recorded++;
                donor(data);
            }
            case "PledgeRejected" -> {
                PledgeFold pledge = pledge(uuid(data, "pledgeId"));
                pledge.status = "REJECTED";
                pledge.recorded++;
            }
            case "PledgeConfirmed" -> pledge(uuid(data, "pledgeId")).status = "CONFIRMED";
            case "PledgeDispatched" -> pledge(uuid(data, "pledgeId")).status = "IN_TRANSIT";
            case "PledgeDelivered" -> {
                LedgerFold ledger = ledger(uuid(data, "needId"));
                ledger.reserved -= data.path("released").asInt();
                ledger.delivered += data.path("quantityReceived").asInt();
                pledge(uuid(data, "pledgeId")).status = "DELIVERED";
            }
            case "PledgeCancelled" -> released(data, "CANCELLED");
            case "PledgeHoldExpired" -> released(data, "HOLD_EXPIRED");
            case "PledgeNoShowMarked" -> released(data, "NO_SHOW");
            case "DonationReceived" -> {
                donations.merge(uuid(data, "donationId"), 1, Integer::sum);
                money(campaign(uuid(data, "campaignId")).raised, data.path("amount"), 1);
                donor(data);
            }
            case "DonationRefunded" -> money(campaign(uuid(data, "campaignId")).raised, data.path("amount"), -1);
            case "MatchApplied" -> money(campaign(uuid(data, "campaignId")).matched, data.path("matched"), 1);
            case "MatchReversed" -> money(campaign(uuid(data, "campaignId")).matched, data.path("returned"), -1);
            default -> {
                // pool opened, exhausted or closed: no figure the feed is checked on
            }
        }
    }

    private void released(JsonNode data, String status) {
        ledger(uuid(data, "needId")).reserved -= data.path("released").asInt();
        pledge(uuid(data, "pledgeId")).status = status;
    }

    /** Who gave money or goods to a campaign: the feed counts them. */
    private void donor(JsonNode data) {
        UUID campaignId = uuidOrNull(data, "campaignId");
        UUID donorId = uuidOrNull(data, "donorId");
        if (campaignId != null && donorId != null) {
            campaign(campaignId).donors.add(donorId);
        }
    }

    private static void money(Map<String, Long> totals, JsonNode money, int sign) {
        if (money.hasNonNull("currency")) {
            totals.merge(money.path("currency").asText(), sign * money.path("amount").asLong(), Long::sum);
        }
    }

    private Reading reading() {
        Map<UUID, Books.NeedFigures> needFigures = new LinkedHashMap<>();
        Map<UUID, Counters> mirror = new LinkedHashMap<>();
        Set<UUID> needIds = new HashSet<>(needs.keySet());
        needIds.addAll(ledgers.keySet());
        for (UUID needId : needIds) {
            NeedFold need = needs.get(needId);
            LedgerFold ledger = ledgers.getOrDefault(needId, new LedgerFold());
            if (need == null || need.campaignId == null) {
                // A ledger of a need campaigns-service never posted: listed so that the comparison reports it.
                needFigures.put(needId, new Books.NeedFigures(null, 0, ledger.reserved, ledger.delivered,
                        -ledger.reserved, null));
                mirror.put(needId, new Counters(0, 0));
                continue;
            }
            // The status follows the ledger's counters, as campaigns-service's does once its mirror caught up.
            String status = need.ended != null ? need.ended
                    : ledger.reserved >= need.requested ? "FULLY_PLEDGED" : "OPEN";
            needFigures.put(needId, new Books.NeedFigures(need.item, need.requested, ledger.reserved,
                    ledger.delivered, need.requested - ledger.reserved, status));
            mirror.put(needId, new Counters(need.reserved, need.delivered));
        }
        Map<UUID, Books.CampaignFigures> campaignFigures = new LinkedHashMap<>();
        campaigns.forEach((id, campaign) -> campaignFigures.put(id, new Books.CampaignFigures(
                campaign.status, campaign.raised, campaign.matched, campaign.donors.size())));
        Map<UUID, Books.PledgeFigures> pledgeFigures = new LinkedHashMap<>();
        pledges.forEach((id, pledge) -> pledgeFigures.put(id,
                new Books.PledgeFigures(pledge.status, pledge.reserved, pledge.recorded)));
        return new Reading(new Books(needFigures, campaignFigures, pledgeFigures, donations), mirror);
    }

    private NeedFold need(UUID id) {
        return needs.computeIfAbsent(id, ignored -> new NeedFold());
    }

    private LedgerFold ledger(UUID needId) {
        return ledgers.computeIfAbsent(needId, ignored -> new LedgerFold());
    }

    private CampaignFold campaign(UUID id) {
        return campaigns.computeIfAbsent(id, ignored -> new CampaignFold());
    }

    private PledgeFold pledge(UUID id) {
        return pledges.computeIfAbsent(id, ignored -> new PledgeFold());
    }

    private static UUID uuid(JsonNode data, String field) {
        UUID id = uuidOrNull(data, field);
        if (id == null) {
            // Field names only: an event's data may hold an exact protected site or a payment reference.
            throw new IllegalStateException("an event without " + field + " (its fields: "
                    + String.join(", ", (Iterable<String>) data::fieldNames) + ")");
        }
        return id;
    }

    private static UUID uuidOrNull(JsonNode data, String field) {
        return data.hasNonNull(field) ? UUID.fromString(data.get(field).asText()) : null;
    }

    /** A need while its events are folded; {@code ended} is its final status once it left OPEN/FULLY_PLEDGED. */
    private static final class NeedFold {
        UUID campaignId;
        String item;
        int requested;
        int reserved;
        int delivered;
        String ended;
    }

    /** A need's pledge ledger: reserved by live pledges plus what delivered pledges received, and delivered. */
    private static final class LedgerFold {
        int reserved;
        int delivered;
    }

    private static final class CampaignFold {
        String status;
        final Map<String, Long> raised = new HashMap<>();
        final Map<String, Long> matched = new HashMap<>();
        final Set<UUID> donors = new HashSet<>();
    }

    private static final class PledgeFold {
        String status;
        int reserved;
        int recorded;
    }
}

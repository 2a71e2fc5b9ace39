package org.lifeline.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.campaign.CampaignClosed;
import org.lifeline.contracts.campaign.CampaignDetailsRevised;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.contracts.campaign.PostPublished;
import org.lifeline.contracts.donation.DonationReceived;
import org.lifeline.contracts.donation.DonationRefunded;
import org.lifeline.contracts.matchpool.MatchApplied;
import org.lifeline.contracts.matchpool.MatchPoolExhausted;
import org.lifeline.contracts.matchpool.MatchPoolOpened;
import org.lifeline.contracts.matchpool.MatchReversed;
import org.lifeline.contracts.need.NeedDeliveryRecorded;
import org.lifeline.contracts.need.NeedFulfilled;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedQuantityReserved;
import org.lifeline.contracts.need.NeedReservationReleased;
import org.lifeline.contracts.pledge.PledgeConfirmed;
import org.lifeline.contracts.pledge.PledgeDelivered;
import org.lifeline.contracts.pledge.PledgeReserved;

/**
 * One campaign's story told as integration events: each call builds the next event of a stream (versions count
 * up per stream id) at the scenario's clock, which moves a second per event. Nothing is sent until the test does.
 */
public final class Scenario {

    public final UUID campaignId = UUID.randomUUID();
    public final UUID organisationId = UUID.randomUUID();
    private final Map<String, Long> versions = new HashMap<>();
    private Instant clock;

    public Scenario(Instant start) {
        this.clock = start;
    }

    public Scenario() {
        this(Instant.parse("2026-11-21T08:00:00Z"));
    }

    public Instant now() {
        return clock;
    }

    public Scenario at(Instant time) {
        clock = time;
        return this;
    }

    /** The next event of {@code streamId}: the golden sample of {@code type} with {@code fields} replaced. */
    public FeedEvents.Event event(String type, Object streamId, Map<String, ?> fields) {
        String stream = streamId.toString();
        // A need's stream and its pledge ledger share the id (and key) but are two streams of two services.
        long version = versions.merge(CloudEventTypes.aggregate(type) + ":" + stream, 1L, Long::sum);
        Instant time = clock;
        clock = clock.plus(Duration.ofSeconds(1));
        return new FeedEvents.Event(type, stream, version, time, UUID.randomUUID(), FeedEvents.sample(type, fields));
    }

    public FeedEvents.Event opened(String title) {
        return event(CampaignOpened.TYPE, campaignId, fields("campaignId", campaignId, "organisationId",
                organisationId, "title", title, "at", clock));
    }

    public FeedEvents.Event revised(String title) {
        return event(CampaignDetailsRevised.TYPE, campaignId, fields("campaignId", campaignId, "title", title,
                "at", clock));
    }

    public FeedEvents.Event closed() {
        return event(CampaignClosed.TYPE, campaignId, fields("campaignId", campaignId, "at", clock));
    }

    public FeedEvents.Event post(UUID postId, String text) {
        return event(PostPublished.TYPE, campaignId, fields("campaignId", campaignId, "postId", postId, "text", text,
                "at", clock));
    }

    /** A need posted with the sample's fields but the given ones (site as {@code Map} of name, lat, lon, privacy). */
    public FeedEvents.Event need(UUID needId, Object... more) {
        Map<String, Object> fields = fields("needId", needId, "campaignId", campaignId, "organisationId",
                organisationId, "postedAt", clock, "neededBy", null);
        fields.putAll(fields(more));
        return event(NeedPosted.TYPE, needId, fields);
    }

    /** Any later event of a need (its stream). */
    public FeedEvents.Event needEvent(String type, UUID needId, Object... more) {
        Map<String, Object> fields = fields("needId", needId);
        fields.putAll(fields(more));
        return event(type, needId, fields);
    }

    public FeedEvents.Event reservedOnNeed(UUID needId, UUID pledgeId, int quantity) {
        return needEvent(NeedQuantityReserved.TYPE, needId, "pledgeId", pledgeId, "quantity", quantity);
    }

    public FeedEvents.Event releasedOnNeed(UUID needId, UUID pledgeId, int quantity) {
        return needEvent(NeedReservationReleased.TYPE, needId, "pledgeId", pledgeId, "quantity", quantity);
    }

    public FeedEvents.Event deliveredOnNeed(UUID needId, UUID pledgeId, int quantity) {
        return needEvent(NeedDeliveryRecorded.TYPE, needId, "pledgeId", pledgeId, "quantity", quantity);
    }

    public FeedEvents.Event fulfilled(UUID needId, int requested, int delivered) {
        return needEvent(NeedFulfilled.TYPE, needId, "requested", requested, "delivered", delivered);
    }

    /** A pledge on the need's ledger (key = need id). */
    public FeedEvents.Event pledgeReserved(UUID needId, UUID pledgeId, UUID donorId, int quantity) {
        return event(PledgeReserved.TYPE, needId, fields("pledgeId", pledgeId, "needId", needId,
                "campaignId", campaignId, "organisationId", organisationId, "donorId", donorId, "requested", quantity,
                "reserved", quantity, "policy", "ALL_OR_NOTHING"));
    }

    public FeedEvents.Event pledgeEvent(String type, UUID needId, UUID pledgeId, Object... more) {
        Map<String, Object> fields = fields("pledgeId", pledgeId, "needId", needId);
        fields.putAll(fields(more));
        return event(type, needId, fields);
    }

    public FeedEvents.Event pledgeConfirmed(UUID needId, UUID pledgeId) {
        return pledgeEvent(PledgeConfirmed.TYPE, needId, pledgeId, "eta", clock.plus(Duration.ofDays(2)));
    }

    public FeedEvents.Event pledgeDelivered(UUID needId, UUID pledgeId, int received, int released) {
        return pledgeEvent(PledgeDelivered.TYPE, needId, pledgeId, "quantityReceived", received, "released",
                released);
    }

    public FeedEvents.Event donation(UUID donationId, UUID donorId, long amount, String paymentRef) {
        return event(DonationReceived.TYPE, donationId, fields("donationId", donationId, "campaignId", campaignId,
                "donorId", donorId, "amount", money(amount), "paymentRef", paymentRef));
    }

    public FeedEvents.Event refund(UUID donationId, long amount) {
        return event(DonationRefunded.TYPE, donationId, fields("donationId", donationId, "campaignId", campaignId,
                "amount", money(amount)));
    }

    public FeedEvents.Event poolOpened(UUID poolId, long pool) {
        return event(MatchPoolOpened.TYPE, poolId, fields("matchPoolId", poolId, "campaignId", campaignId,
                "organisationId", organisationId, "pool", money(pool), "endsAt", null));
    }

    public FeedEvents.Event matchApplied(UUID poolId, UUID donationId, UUID donorId, long matched, long remaining) {
        return event(MatchApplied.TYPE, poolId, fields("matchPoolId", poolId, "campaignId", campaignId,
                "donationId", donationId, "donorId", donorId, "donationAmount", money(matched),
                "matched", money(matched), "full", true, "remaining", money(remaining)));
    }

    public FeedEvents.Event matchReversed(UUID poolId, UUID donationId, long returned, long remaining) {
        return event(MatchReversed.TYPE, poolId, fields("matchPoolId", poolId, "campaignId", campaignId,
                "donationId", donationId, "returned", money(returned), "remaining", money(remaining)));
    }

    public FeedEvents.Event poolExhausted(UUID poolId) {
        return event(MatchPoolExhausted.TYPE, poolId, fields("matchPoolId", poolId, "campaignId", campaignId));
    }

    public static Map<String, Object> site(String name, double lat, double lon, String privacy) {
        return fields("name", name, "lat", lat, "lon", lon, "privacy", privacy);
    }

    public static Map<String, Object> money(long amount) {
        return fields("amount", amount, "currency", "CNY");
    }

    /** Alternating names and values; a value may be null. */
    public static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    public static List<FeedEvents.Event> list(FeedEvents.Event... events) {
        return new ArrayList<>(List.of(events));
    }
}

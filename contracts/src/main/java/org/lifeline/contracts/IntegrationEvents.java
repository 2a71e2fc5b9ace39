package org.lifeline.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lifeline.contracts.campaign.CampaignClosed;
import org.lifeline.contracts.campaign.CampaignDetailsRevised;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.contracts.campaign.PostPublished;
import org.lifeline.contracts.donation.DonationReceived;
import org.lifeline.contracts.donation.DonationRefunded;
import org.lifeline.contracts.matchpool.MatchApplied;
import org.lifeline.contracts.matchpool.MatchPoolClosed;
import org.lifeline.contracts.matchpool.MatchPoolExhausted;
import org.lifeline.contracts.matchpool.MatchPoolOpened;
import org.lifeline.contracts.matchpool.MatchReversed;
import org.lifeline.contracts.need.NeedCancelled;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedDeadlineChanged;
import org.lifeline.contracts.need.NeedDeliveryRecorded;
import org.lifeline.contracts.need.NeedExpired;
import org.lifeline.contracts.need.NeedFulfilled;
import org.lifeline.contracts.need.NeedMarkedStale;
import org.lifeline.contracts.need.NeedOverSubscribed;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedQuantityReserved;
import org.lifeline.contracts.need.NeedQuantityRevised;
import org.lifeline.contracts.need.NeedReconfirmed;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.contracts.need.NeedReservationReleased;
import org.lifeline.contracts.offer.MatchProposed;
import org.lifeline.contracts.offer.OfferAccepted;
import org.lifeline.contracts.offer.OfferSubmitted;
import org.lifeline.contracts.offer.OfferWithdrawn;
import org.lifeline.contracts.pledge.PledgeCancelled;
import org.lifeline.contracts.pledge.PledgeConfirmed;
import org.lifeline.contracts.pledge.PledgeDelivered;
import org.lifeline.contracts.pledge.PledgeDispatched;
import org.lifeline.contracts.pledge.PledgeHoldExpired;
import org.lifeline.contracts.pledge.PledgeNoShowMarked;
import org.lifeline.contracts.pledge.PledgeRejected;
import org.lifeline.contracts.pledge.PledgeReserved;

import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every integration event of docs/events.md: its CloudEvents type, the record consumers read it into,
 * and which of its fields are optional.
 *
 * <p>Optional fields are the ones marked {@code ?} in docs/events.md, listed here per type; every other
 * top-level field of a record is required, and so is every field of a nested value (money, coordinates,
 * site, proposal). Producers leave an absent optional field out of the JSON rather than writing null.
 */
public final class IntegrationEvents {

    /** One event's contract; {@code record} is the class {@link #read} returns for {@code type}. */
    public record Contract(String type, Class<? extends Record> record, Set<String> optionalFields) {

        /** The stream type, e.g. {@code need}, {@code pledge-attempt}, {@code match-pool}. */
        public String streamType() {
            return CloudEventTypes.aggregate(type);
        }

        /** The record's fields that every published event carries. */
        public Set<String> requiredFields() {
            Set<String> required = new LinkedHashSet<>(fieldNames(record));
            required.removeAll(optionalFields);
            return Collections.unmodifiableSet(required);
        }
    }

    private static final ObjectMapper JSON = ContractJson.mapper();

    private static final Map<String, Contract> BY_TYPE = index(
            // lifeline.campaigns.v1, stream type campaign
            contract(CampaignOpened.TYPE, CampaignOpened.class, "description", "glide"),
            contract(CampaignDetailsRevised.TYPE, CampaignDetailsRevised.class, "description", "glide"),
            contract(PostPublished.TYPE, PostPublished.class, "location"),
            contract(CampaignClosed.TYPE, CampaignClosed.class),
            // lifeline.campaigns.v1, stream type need
            contract(NeedPosted.TYPE, NeedPosted.class, "neededBy"),
            contract(NeedQuantityRevised.TYPE, NeedQuantityRevised.class),
            contract(NeedReprioritized.TYPE, NeedReprioritized.class),
            contract(NeedDeadlineChanged.TYPE, NeedDeadlineChanged.class, "from", "to"),
            contract(NeedReconfirmed.TYPE, NeedReconfirmed.class),
            contract(NeedMarkedStale.TYPE, NeedMarkedStale.class),
            contract(NeedExpired.TYPE, NeedExpired.class),
            contract(NeedOverSubscribed.TYPE, NeedOverSubscribed.class),
            contract(NeedFulfilled.TYPE, NeedFulfilled.class),
            contract(NeedClosed.TYPE, NeedClosed.class),
            contract(NeedCancelled.TYPE, NeedCancelled.class),
            contract(NeedQuantityReserved.TYPE, NeedQuantityReserved.class),
            contract(NeedReservationReleased.TYPE, NeedReservationReleased.class),
            contract(NeedDeliveryRecorded.TYPE, NeedDeliveryRecorded.class),
            // lifeline.donations.v1, stream types pledge and pledge-attempt
            contract(PledgeReserved.TYPE, PledgeReserved.class, "offerId"),
            contract(PledgeConfirmed.TYPE, PledgeConfirmed.class),
            contract(PledgeDispatched.TYPE, PledgeDispatched.class, "carrier", "trackingRef"),
            contract(PledgeDelivered.TYPE, PledgeDelivered.class),
            contract(PledgeCancelled.TYPE, PledgeCancelled.class, "reason"),
            contract(PledgeHoldExpired.TYPE, PledgeHoldExpired.class),
            contract(PledgeNoShowMarked.TYPE, PledgeNoShowMarked.class),
            contract(PledgeRejected.TYPE, PledgeRejected.class),
            // lifeline.donations.v1, stream type donation
            contract(DonationReceived.TYPE, DonationReceived.class, "paymentRef"),
            contract(DonationRefunded.TYPE, DonationRefunded.class),
            // lifeline.donations.v1, stream type match-pool
            contract(MatchPoolOpened.TYPE, MatchPoolOpened.class, "perDonorCap", "minGift", "endsAt"),
            contract(MatchApplied.TYPE, MatchApplied.class),
            contract(MatchReversed.TYPE, MatchReversed.class),
            contract(MatchPoolExhausted.TYPE, MatchPoolExhausted.class),
            contract(MatchPoolClosed.TYPE, MatchPoolClosed.class),
            // lifeline.donations.v1, stream type offer
            contract(OfferSubmitted.TYPE, OfferSubmitted.class, "availableUntil", "maxDistanceKm"),
            contract(MatchProposed.TYPE, MatchProposed.class),
            contract(OfferAccepted.TYPE, OfferAccepted.class),
            contract(OfferWithdrawn.TYPE, OfferWithdrawn.class));

    private IntegrationEvents() {
    }

    /** Every contract, in the order of docs/events.md. */
    public static Collection<Contract> all() {
        return BY_TYPE.values();
    }

    public static Optional<Contract> contract(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The record a CloudEvents type reads into; empty for a type this version of the contracts does not know. */
    public static Optional<Class<?>> recordOf(String type) {
        return contract(type).<Class<?>>map(Contract::record);
    }

    /** The optional fields of a type (none for a type that is not registered). */
    public static Set<String> optionalFields(String type) {
        return contract(type).map(Contract::optionalFields).orElse(Set.of());
    }

    /**
     * An event's JSON data read into its contract record, tolerantly (see {@link ContractJson}); empty when
     * the type is not registered, so a consumer skips events it has no contract for (other streams on the
     * topic, or a newer version).
     *
     * @throws UncheckedIOException when the data is not JSON of the record's shape
     */
    public static Optional<Object> read(String type, String json) {
        Optional<Contract> contract = contract(type);
        if (contract.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, contract.get().record()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read " + type, e);
        }
    }

    private static Contract contract(String type, Class<? extends Record> record, String... optional) {
        Set<String> fields = fieldNames(record);
        for (String field : optional) {
            if (!fields.contains(field)) {
                throw new IllegalStateException(record.getSimpleName() + " has no field " + field);
            }
        }
        return new Contract(type, record, Set.of(optional));
    }

    private static Map<String, Contract> index(Contract... contracts) {
        Map<String, Contract> byType = new LinkedHashMap<>();
        for (Contract contract : contracts) {
            if (byType.put(contract.type(), contract) != null) {
                throw new IllegalStateException("registered twice: " + contract.type());
            }
        }
        return Collections.unmodifiableMap(byType);
    }

    private static Set<String> fieldNames(Class<? extends Record> record) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
        return names;
    }
}

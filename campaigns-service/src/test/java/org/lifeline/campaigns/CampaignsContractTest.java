package org.lifeline.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifeline.campaigns.application.NeedCommandHandler;
import org.lifeline.campaigns.domain.campaign.CampaignEvent;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignClosed;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignDetailsRevised;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignOpened;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.PostPublished;
import org.lifeline.campaigns.domain.campaign.CampaignKind;
import org.lifeline.campaigns.domain.campaign.Campaigns;
import org.lifeline.campaigns.domain.campaign.Coordinates;
import org.lifeline.campaigns.domain.need.ExpiryReason;
import org.lifeline.campaigns.domain.need.NeedCancelled;
import org.lifeline.campaigns.domain.need.NeedClosed;
import org.lifeline.campaigns.domain.need.NeedDeadlineChanged;
import org.lifeline.campaigns.domain.need.NeedDeliveryRecorded;
import org.lifeline.campaigns.domain.need.NeedEvent;
import org.lifeline.campaigns.domain.need.NeedExpired;
import org.lifeline.campaigns.domain.need.NeedFulfilled;
import org.lifeline.campaigns.domain.need.NeedMarkedStale;
import org.lifeline.campaigns.domain.need.NeedOverSubscribed;
import org.lifeline.campaigns.domain.need.NeedPosted;
import org.lifeline.campaigns.domain.need.NeedQuantityReserved;
import org.lifeline.campaigns.domain.need.NeedQuantityRevised;
import org.lifeline.campaigns.domain.need.NeedReconfirmed;
import org.lifeline.campaigns.domain.need.NeedReprioritized;
import org.lifeline.campaigns.domain.need.NeedReservationReleased;
import org.lifeline.campaigns.domain.need.Privacy;
import org.lifeline.campaigns.domain.need.Sector;
import org.lifeline.campaigns.domain.need.Site;
import org.lifeline.campaigns.domain.need.Urgency;
import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.contracts.IntegrationEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * campaigns-service keeps docs/events.md: each of its domain events, written as the event store writes
 * it (and the relay publishes it), has the shape of its golden sample in lifeline-contracts.
 */
class CampaignsContractTest {

    private static final UUID ORGANISATION = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c61-2d5e8f0a1b23");
    private static final UUID CAMPAIGN = UUID.fromString("8d2f6c41-5a3e-4b7f-8e19-6c0d2a4b9f15");
    private static final UUID POST = UUID.fromString("6f4a2c8e-1b9d-4e73-8f05-2a6c9e3b7d41");
    private static final UUID NEED = UUID.fromString("c4a8e2f1-9d3b-4c6a-b5e7-1f0a3d8c2e46");
    private static final UUID PLEDGE = UUID.fromString("a7f3c9e2-6b1d-4f58-8a2e-9d4c0b7e1f63");
    private static final Instant AT = Instant.parse("2026-11-21T09:15:00Z");
    private static final Instant NEEDED_BY = Instant.parse("2026-11-28T00:00:00Z");
    private static final Coordinates WENCHUAN = new Coordinates(31.02, 103.43);
    private static final Site YINGXIU_SCHOOL = new Site("Yingxiu Town Middle School camp", 31.06, 103.49,
            Privacy.EXACT);

    /** One of each event campaigns-service publishes, every optional field set. */
    private static final List<Object> EVENTS = List.of(
            new CampaignOpened(CAMPAIGN, ORGANISATION, CampaignKind.EARTHQUAKE, "Sichuan earthquake relief",
                    "Wenchuan County, Sichuan", WENCHUAN, "Family tents and clean water for displaced families.",
                    "EQ-2026-000123-CHN", AT),
            new CampaignDetailsRevised(CAMPAIGN, "Sichuan earthquake relief: Wenchuan and Beichuan",
                    "Aba and Mianyang, Sichuan", new Coordinates(31.45, 104.08),
                    "Goods go through the Mianyang hub.", "EQ-2026-000123-CHN", AT),
            new PostPublished(CAMPAIGN, POST, "Yingxiu school field is now a camp for 300 families.",
                    new Coordinates(31.06, 103.49), List.of("https://media.lifeline.example/posts/yingxiu-1.jpg"), AT),
            new CampaignClosed(CAMPAIGN, AT),
            new NeedPosted(NEED, CAMPAIGN, ORGANISATION, Sector.SHL, "Family tent (4-6 persons)", "tent", 300,
                    Urgency.CRITICAL, YINGXIU_SCHOOL, NEEDED_BY, AT),
            new NeedQuantityRevised(NEED, 300, 420),
            new NeedReprioritized(NEED, Urgency.HIGH, Urgency.CRITICAL),
            new NeedDeadlineChanged(NEED, NEEDED_BY, Instant.parse("2026-11-25T00:00:00Z")),
            new NeedReconfirmed(NEED, AT),
            new NeedMarkedStale(NEED, AT),
            new NeedExpired(NEED, ExpiryReason.UNCONFIRMED, 120),
            new NeedOverSubscribed(NEED, 250, 280),
            new NeedFulfilled(NEED, 300, 300),
            new NeedClosed(NEED, 300, 300, 260),
            new NeedCancelled(NEED, 40),
            new NeedQuantityReserved(NEED, PLEDGE, 40),
            new NeedReservationReleased(NEED, PLEDGE, 5),
            new NeedDeliveryRecorded(NEED, PLEDGE, 35));

    private final ObjectMapper json = ContractJson.mapper();

    static Stream<Named<Object>> events() {
        return EVENTS.stream().map(event -> Named.of(event.getClass().getSimpleName(), event));
    }

    /** The CloudEvents type the relay gives the event: its stream type, record name and schema version 1. */
    static String typeOf(Object event) {
        String streamType = event instanceof CampaignEvent ? Campaigns.STREAM_TYPE : NeedCommandHandler.STREAM_TYPE;
        return CloudEventTypes.of(streamType, event.getClass().getSimpleName(), 1);
    }

    @Test
    void every_campaign_and_need_event_is_checked_here_and_has_a_contract() {
        List<Class<?>> published = new ArrayList<>();
        published.addAll(Arrays.asList(CampaignEvent.class.getPermittedSubclasses()));
        published.addAll(Arrays.asList(NeedEvent.class.getPermittedSubclasses()));

        assertThat(EVENTS).extracting(Object::getClass).as("an example of every event")
                .containsExactlyInAnyOrderElementsOf(published);
        assertThat(EVENTS).allSatisfy(event ->
                assertThat(IntegrationEvents.recordOf(typeOf(event))).as(typeOf(event)).isPresent());
    }

    @ParameterizedTest
    @MethodSource("events")
    void each_event_as_stored_and_published_has_the_full_shape_of_its_golden_sample(Object event) throws Exception {
        JsonNode published = json.readTree(json.writeValueAsString(event));

        GoldenSamples.assertConformsTo(typeOf(event), published);
        assertThat(fieldNames(published)).as("every optional field is set here, so every sample field is written")
                .containsExactlyInAnyOrderElementsOf(fieldNames(GoldenSamples.tree(typeOf(event))));
    }

    @ParameterizedTest
    @MethodSource("events")
    void consumers_read_each_event_into_its_contract_record_without_losing_a_field(Object event) throws Exception {
        String published = json.writeValueAsString(event);

        Object read = IntegrationEvents.read(typeOf(event), published).orElseThrow();

        assertThat(json.readTree(json.writeValueAsString(read))).isEqualTo(json.readTree(published));
    }

    @Test
    void consumers_know_every_value_of_the_enumerations_campaigns_service_writes() {
        assertThat(names(CampaignKind.values()))
                .isSubsetOf(names(org.lifeline.contracts.campaign.CampaignKind.values()));
        assertThat(names(Sector.values())).isSubsetOf(names(org.lifeline.contracts.Sector.values()));
        assertThat(names(Urgency.values())).isSubsetOf(names(org.lifeline.contracts.need.Urgency.values()));
        assertThat(names(Privacy.values())).isSubsetOf(names(org.lifeline.contracts.Privacy.values()));
        assertThat(names(ExpiryReason.values())).isSubsetOf(names(org.lifeline.contracts.need.ExpiryReason.values()));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

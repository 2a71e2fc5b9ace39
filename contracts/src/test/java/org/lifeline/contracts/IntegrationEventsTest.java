package org.lifeline.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifeline.contracts.IntegrationEvents.Contract;
import org.lifeline.contracts.campaign.PostPublished;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.Urgency;
import org.lifeline.contracts.offer.MatchProposed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry, the records and the golden samples of docs/events.md agree with each other. */
class IntegrationEventsTest {

    private static final Path SAMPLES = Path.of("src/main/resources/contracts");
    private final ObjectMapper json = ContractJson.mapper();

    static Stream<Named<Contract>> contracts() {
        return IntegrationEvents.all().stream().map(contract -> Named.of(contract.type(), contract));
    }

    @Test
    void every_event_of_docs_events_md_is_registered() {
        assertThat(IntegrationEvents.all()).hasSize(37);
        assertThat(IntegrationEvents.all().stream().collect(Collectors.groupingBy(Contract::streamType,
                Collectors.counting())))
                .containsEntry("campaign", 4L).containsEntry("need", 14L).containsEntry("pledge", 7L)
                .containsEntry("pledge-attempt", 1L).containsEntry("donation", 2L).containsEntry("match-pool", 5L)
                .containsEntry("offer", 4L);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void each_record_names_its_type_and_lives_in_the_package_of_its_stream_type(Contract contract) throws Exception {
        assertThat(contract.record().getField("TYPE").get(null)).isEqualTo(contract.type());
        assertThat(CloudEventTypes.eventName(contract.type())).isEqualTo(contract.record().getSimpleName());
        String expectedPackage = switch (contract.streamType()) {
            case "pledge-attempt" -> "pledge";
            case "match-pool" -> "matchpool";
            default -> contract.streamType();
        };
        assertThat(contract.record().getPackageName()).isEqualTo("org.lifeline.contracts." + expectedPackage);
        assertThat(IntegrationEvents.recordOf(contract.type())).contains(contract.record());
    }

    @Test
    void every_sample_file_has_a_registered_type() throws IOException {
        List<String> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String streamType = file.getParent().getFileName().toString();
                String[] name = file.getFileName().toString().split("\\.");
                assertThat(name).as(file.toString()).hasSize(3);
                assertThat(name[2]).isEqualTo("json");
                types.add(CloudEventTypes.of(streamType, name[0], Integer.parseInt(name[1].substring(1))));
            });
        }
        assertThat(types).allSatisfy(type -> assertThat(IntegrationEvents.recordOf(type)).as(type).isPresent());
        assertThat(types).hasSameSizeAs(IntegrationEvents.all());
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void every_sample_carries_every_field_of_its_record_optional_ones_included(Contract contract) {
        JsonNode sample = GoldenSamples.tree(contract.type());
        List<String> fields = new ArrayList<>();
        sample.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyElementsOf(componentNames(contract.record()));
        assertThat(contract.requiredFields()).noneMatch(contract.optionalFields()::contains);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void a_sample_reads_into_its_record_and_the_record_writes_the_sample_back(Contract contract) throws Exception {
        Object read = IntegrationEvents.read(contract.type(), GoldenSamples.json(contract.type())).orElseThrow();
        assertThat(read).isInstanceOf(contract.record());
        assertThat(read.toString()).doesNotContain("UNKNOWN").doesNotContain("=null");

        JsonNode written = json.readTree(json.writeValueAsString(read));
        assertThat(written).isEqualTo(GoldenSamples.tree(contract.type()));
        assertThat(GoldenSamples.violations(contract.type(), written)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void optional_fields_are_references_so_their_absence_reads_as_null(Contract contract) throws Exception {
        ObjectNode without = (ObjectNode) GoldenSamples.tree(contract.type());
        contract.optionalFields().forEach(without::remove);
        Object read = IntegrationEvents.read(contract.type(), json.writeValueAsString(without)).orElseThrow();

        for (RecordComponent component : contract.record().getRecordComponents()) {
            if (contract.optionalFields().contains(component.getName())) {
                assertThat(component.getType().isPrimitive()).as(component.getName()).isFalse();
                assertThat(component.getAccessor().invoke(read)).as(component.getName()).isNull();
            }
        }
        assertThat(json.readTree(json.writeValueAsString(read))).isEqualTo(without);
        assertThat(GoldenSamples.violations(contract.type(), without)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void readers_tolerate_fields_added_by_newer_producers(Contract contract) throws Exception {
        ObjectNode newer = (ObjectNode) GoldenSamples.tree(contract.type());
        newer.put("addedInALaterRelease", "ignored");
        newer.putObject("nestedAddition").put("value", 1);
        if (newer.get("site") instanceof ObjectNode site) {
            site.put("elevationM", 1200);
        }

        Object read = IntegrationEvents.read(contract.type(), json.writeValueAsString(newer)).orElseThrow();
        assertThat(read).isEqualTo(IntegrationEvents.read(contract.type(), GoldenSamples.json(contract.type()))
                .orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void readers_take_enum_values_they_do_not_know_as_unknown(Contract contract) throws Exception {
        for (RecordComponent component : contract.record().getRecordComponents()) {
            if (!component.getType().isEnum()) {
                continue;
            }
            ObjectNode newer = (ObjectNode) GoldenSamples.tree(contract.type());
            newer.put(component.getName(), "ADDED_IN_A_LATER_RELEASE");
            Object read = IntegrationEvents.read(contract.type(), json.writeValueAsString(newer)).orElseThrow();
            assertThat(component.getAccessor().invoke(read)).as(contract.type() + " " + component.getName())
                    .hasToString("UNKNOWN");
        }
    }

    @Test
    void a_site_with_a_privacy_level_from_a_newer_producer_still_reads() throws Exception {
        ObjectNode newer = (ObjectNode) GoldenSamples.tree(NeedPosted.TYPE);
        ((ObjectNode) newer.get("site")).put("privacy", "HIDDEN");
        newer.put("urgency", "LIFE_THREATENING");

        NeedPosted read = json.treeToValue(newer, NeedPosted.class);

        assertThat(read.site().privacy()).isEqualTo(Privacy.UNKNOWN);
        assertThat(read.urgency()).isEqualTo(Urgency.UNKNOWN);
        assertThat(read.site().name()).isEqualTo("Yingxiu Town Middle School camp");
        assertThat(read.quantity()).isEqualTo(300);
    }

    @Test
    void lists_read_absent_as_empty() throws Exception {
        ObjectNode post = (ObjectNode) GoldenSamples.tree(PostPublished.TYPE);
        post.remove("mediaUrls");
        assertThat(json.treeToValue(post, PostPublished.class).mediaUrls()).isEmpty();

        ObjectNode proposed = (ObjectNode) GoldenSamples.tree(MatchProposed.TYPE);
        proposed.remove("proposals");
        assertThat(json.treeToValue(proposed, MatchProposed.class).proposals()).isEmpty();
    }

    @Test
    void types_without_a_contract_read_as_empty_and_bad_data_fails_loudly() {
        assertThat(IntegrationEvents.read("org.lifeline.kernel-check.OutboxChecked.v1", "{\"ok\":true}")).isEmpty();
        assertThat(IntegrationEvents.read("org.lifeline.need.NeedPosted.v2", "{}")).isEmpty();
        assertThat(IntegrationEvents.recordOf("org.lifeline.need.NeedPosted.v2")).isEmpty();
        assertThat(IntegrationEvents.optionalFields("org.lifeline.need.NeedPosted.v2")).isEmpty();

        assertThatThrownBy(() -> IntegrationEvents.read(NeedPosted.TYPE, "{\"needId\": "))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(NeedPosted.TYPE);
        assertThatThrownBy(() -> IntegrationEvents.read(NeedPosted.TYPE, "{\"quantity\": \"many\"}"))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void optional_fields_are_the_ones_marked_optional_in_docs_events_md() {
        assertThat(IntegrationEvents.optionalFields(NeedPosted.TYPE)).containsExactly("neededBy");
        assertThat(IntegrationEvents.contract(NeedPosted.TYPE).orElseThrow().requiredFields())
                .containsExactly("needId", "campaignId", "organisationId", "sector", "item", "unit", "quantity",
                        "urgency", "site", "postedAt");
        assertThat(IntegrationEvents.optionalFields("org.lifeline.match-pool.MatchPoolOpened.v1"))
                .containsExactlyInAnyOrder("perDonorCap", "minGift", "endsAt");
        assertThat(IntegrationEvents.optionalFields("org.lifeline.need.NeedDeadlineChanged.v1"))
                .containsExactlyInAnyOrder("from", "to");
    }

    private static List<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}

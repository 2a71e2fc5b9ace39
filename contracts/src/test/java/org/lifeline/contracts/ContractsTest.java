package org.lifeline.contracts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractsTest {

    record ThingHappened(UUID thingId, int quantity, Instant at, List<String> tags) {
    }

    @Test
    void cloud_event_types_name_aggregate_event_and_version() {
        String type = CloudEventTypes.of("need", "NeedPosted", 1);
        assertThat(type).isEqualTo("org.lifeline.need.NeedPosted.v1");
        assertThat(CloudEventTypes.eventName(type)).isEqualTo("NeedPosted");
        assertThat(CloudEventTypes.aggregate(type)).isEqualTo("need");
        assertThatThrownBy(() -> CloudEventTypes.eventName("com.example.Thing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_golden_sample_reads_into_its_record_and_the_record_writes_the_same_shape() throws Exception {
        var mapper = ContractJson.mapper();
        ThingHappened read = mapper.readValue(GoldenSamples.json("org.lifeline.example.ThingHappened.v1"),
                ThingHappened.class);
        assertThat(read.at()).isEqualTo(Instant.parse("2026-11-21T08:30:00Z"));
        assertThat(read.quantity()).isEqualTo(12);

        var written = mapper.valueToTree(read);
        var sample = GoldenSamples.tree("org.lifeline.example.ThingHappened.v1");
        assertThat(written).isEqualTo(sample);
        assertThat(GoldenSamples.shape(written)).isEqualTo(GoldenSamples.shape(sample));
    }

    @Test
    void readers_tolerate_fields_added_by_newer_producers() throws Exception {
        ThingHappened read = ContractJson.mapper().readValue(
                "{\"thingId\":\"5b0d8f5e-0a53-4a36-9d2e-1f4f3d2c9a10\",\"quantity\":1,\"newField\":true}",
                ThingHappened.class);
        assertThat(read.quantity()).isEqualTo(1);
    }

    @Test
    void a_shape_change_is_detected() throws Exception {
        var mapper = ContractJson.mapper();
        var sample = GoldenSamples.tree("org.lifeline.example.ThingHappened.v1");
        var renamed = mapper.readTree(
                "{\"thingId\":\"x\",\"qty\":12,\"at\":\"2026-11-21T08:30:00Z\",\"tags\":[\"a\"]}");
        assertThat(GoldenSamples.shape(renamed)).isNotEqualTo(GoldenSamples.shape(sample));
    }
}

package org.lifeline.support.eventsourcing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationTest {

    private static final Instant AT = Instant.parse("2026-11-21T08:30:00Z");

    @Test
    void a_uuid_request_id_is_the_flow_id() {
        UUID id = UUID.randomUUID();
        assertThat(Correlation.ofRequest(id.toString())).isEqualTo(id);
    }

    @Test
    void any_other_request_id_maps_to_the_same_flow_every_time() {
        assertThat(Correlation.ofRequest("tour-1")).isEqualTo(Correlation.ofRequest("tour-1"))
                .isNotEqualTo(Correlation.ofRequest("tour-2"));
        assertThat(Correlation.ofRequest(null)).isNotEqualTo(Correlation.ofRequest(null));
    }

    @Test
    void a_request_is_correlation_and_cause_of_its_events() {
        var metadata = Correlation.forRequest("account-1", "tour-1", "key-1", AT);
        assertThat(metadata.correlationId()).isEqualTo(Correlation.ofRequest("tour-1"));
        assertThat(metadata.causationId()).isEqualTo(metadata.correlationId());
        assertThat(metadata.actor()).isEqualTo("account-1");
        assertThat(metadata.idempotencyKey()).isEqualTo("key-1");
        assertThat(metadata.occurredAt()).isEqualTo(AT);
    }

    @Test
    void a_reaction_keeps_the_flow_and_names_the_event_as_cause() {
        UUID cause = UUID.randomUUID();
        UUID flow = UUID.randomUUID();
        var metadata = Correlation.forReaction(Correlation.system("donations-service"), cause, flow, AT);
        assertThat(metadata.correlationId()).isEqualTo(flow);
        assertThat(metadata.causationId()).isEqualTo(cause);
        assertThat(metadata.actor()).isEqualTo("system:donations-service");
        assertThat(Correlation.forReaction("x", cause, null, AT).correlationId()).isEqualTo(cause);
    }
}

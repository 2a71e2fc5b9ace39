package org.lifeline.donations.domain.pledge;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.kernel.eventstore.EventCodec;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.lifeline.kernel.eventstore.Upcasters;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.donations.domain.pledge.PledgeFixtures.*;

/**
 * What the ledger stores is what lifeline.donations.v1 carries: every pledge event has the shape of
 * its golden sample (docs/events.md), and reads the sample back.
 */
class PledgeEventContractTest {

    private final EventCodec<PledgeEvent> ledger = EventCodec.forSealed(ContractJson.mapper(), new Upcasters(),
            PledgeEvent.class);
    private final EventCodec<PledgeAttemptEvent> attempts = EventCodec.forSealed(ContractJson.mapper(),
            new Upcasters(), PledgeAttemptEvent.class);

    @Test
    void every_ledger_event_has_the_shape_of_its_golden_sample() throws Exception {
        List<PledgeEvent> events = List.of(
                new PledgeReserved(PLEDGE_A, NEED, CAMPAIGN, ORG, DONOR, 50, 40, Policy.PARTIAL, HOLD_EXPIRES,
                        java.util.UUID.randomUUID()),
                confirmed(PLEDGE_A),
                dispatched(PLEDGE_A),
                new PledgeDelivered(PLEDGE_A, NEED, 35, 5),
                new PledgeCancelled(PLEDGE_A, NEED, 40, CancelledBy.DONOR, "The truck was requisitioned."),
                new PledgeHoldExpired(PLEDGE_A, NEED, 40),
                new PledgeNoShowMarked(PLEDGE_A, NEED, 40, ETA));
        for (PledgeEvent event : events) {
            String type = CloudEventTypes.of("pledge", event.getClass().getSimpleName(), 1);
            String payload = ledger.encode(event, EventMetadata.of("test", NOW)).payload();
            assertShape(type, payload);
            assertThat(ledger.decode(recorded("pledge", type, GoldenSamples.json(type))))
                    .isInstanceOf(event.getClass());
        }
    }

    @Test
    void a_rejection_has_the_shape_of_its_golden_sample() throws Exception {
        String type = CloudEventTypes.of("pledge-attempt", "PledgeRejected", 1);
        String payload = attempts.encode(new PledgeRejected(PLEDGE_B, NEED, DONOR, 100, 60,
                RejectionReason.DOES_NOT_FIT), EventMetadata.of("test", NOW)).payload();
        assertShape(type, payload);
        assertThat(attempts.decode(recorded("pledge-attempt", type, GoldenSamples.json(type))))
                .isEqualTo(new PledgeRejected(PLEDGE_B, NEED, DONOR, 100, 60, RejectionReason.DOES_NOT_FIT));
    }

    @Test
    void absent_optional_fields_are_left_out() throws Exception {
        String payload = ledger.encode(new PledgeDispatched(PLEDGE_A, NEED, null, null),
                EventMetadata.of("test", NOW)).payload();
        assertThat(ContractJson.mapper().readTree(payload).properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("pledgeId", "needId");
    }

    private static void assertShape(String type, String payload) throws Exception {
        JsonNode published = ContractJson.mapper().readTree(payload);
        assertThat(GoldenSamples.shape(published)).as(type).isEqualTo(GoldenSamples.shape(GoldenSamples.tree(type)));
    }

    private static RecordedEvent recorded(String streamType, String type, String json) {
        return new RecordedEvent(1, java.util.UUID.randomUUID(), NEED.toString(), streamType, 1,
                CloudEventTypes.eventName(type), 1, json, EventMetadata.of("test", NOW), NOW);
    }
}

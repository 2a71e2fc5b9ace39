package org.lifeline.donations.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.contracts.pledge.PledgeRejected;
import org.lifeline.contracts.pledge.PledgeReserved;
import org.lifeline.donations.DonationsTopic;
import org.lifeline.donations.PledgeTestBase;
import org.lifeline.testing.LifelineTestResource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Pledge events leave through the outbox to lifeline.donations.v1, keyed by the need (the ledger). */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class PledgePublicationTest extends PledgeTestBase {

    @Test
    void a_reservation_is_published_on_the_needs_key_as_the_contract_says() throws Exception {
        UUID needId = need(100).needId();
        String requestId = UUID.randomUUID().toString();
        String pledgeId = as(donor).header("X-Request-Id", requestId)
                .body("{\"needId\": \"%s\", \"quantity\": 40, \"policy\": \"PARTIAL\"}".formatted(needId))
                .post("/api/v1/pledges").then().statusCode(201).extract().path("id");

        List<ConsumerRecord<String, String>> records = DonationsTopic.recordsWithKey(bootstrap(), needId.toString(),
                found -> !found.isEmpty());
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(DonationsTopic.header(record, "ce_type")).isEqualTo(PledgeReserved.TYPE);
        assertThat(DonationsTopic.header(record, "ce_subject")).isEqualTo(needId.toString());
        assertThat(DonationsTopic.header(record, "ce_source")).isEqualTo("/donations-service");
        assertThat(DonationsTopic.header(record, "ce_streamversion")).isEqualTo("1");
        assertThat(DonationsTopic.header(record, "ce_actor")).isEqualTo(donorId.toString());
        assertThat(DonationsTopic.header(record, "ce_correlationid")).isEqualTo(requestId);

        JsonNode data = ContractJson.mapper().readTree(record.value());
        PledgeReserved reserved = ContractJson.mapper().treeToValue(data, PledgeReserved.class);
        assertThat(reserved.pledgeId().toString()).isEqualTo(pledgeId);
        assertThat(reserved.needId()).isEqualTo(needId);
        assertThat(reserved.organisationId()).isEqualTo(org);
        assertThat(reserved.donorId()).isEqualTo(donorId);
        assertThat(reserved.reserved()).isEqualTo(40);
        // The sample carries the optional offerId; a pledge without an offer leaves it out.
        JsonNode sample = GoldenSamples.tree(PledgeReserved.TYPE).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample).remove("offerId");
        assertThat(GoldenSamples.shape(data)).isEqualTo(GoldenSamples.shape(sample));
    }

    @Test
    void a_rejection_is_published_on_the_attempts_key() throws Exception {
        UUID needId = need(10).needId();
        String attempt = pledge(donor, needId, 11, null).statusCode(409).extract().path("pledgeId");

        ConsumerRecord<String, String> record = DonationsTopic.recordsWithKey(bootstrap(), attempt,
                found -> !found.isEmpty()).getFirst();
        assertThat(DonationsTopic.header(record, "ce_type")).isEqualTo(PledgeRejected.TYPE);
        PledgeRejected rejected = ContractJson.mapper().readValue(record.value(), PledgeRejected.class);
        assertThat(rejected.needId()).isEqualTo(needId);
        assertThat(rejected.outstanding()).isEqualTo(10);
        assertThat(rejected.requested()).isEqualTo(11);
        assertThat(GoldenSamples.shape(ContractJson.mapper().readTree(record.value())))
                .isEqualTo(GoldenSamples.shape(GoldenSamples.tree(PledgeRejected.TYPE)));
    }
}

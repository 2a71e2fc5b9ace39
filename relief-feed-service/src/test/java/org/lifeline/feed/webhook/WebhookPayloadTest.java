package org.lifeline.feed.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPayloadTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void the_body_is_the_feed_entry_in_the_documented_envelope() throws Exception {
        UUID eventId = UUID.randomUUID();
        FeedEntry entry = new FeedEntry(42, eventId, "need.NeedPosted", Instant.parse("2026-11-21T08:30:00.123456Z"),
                "{\"needId\": \"n-1\", \"site\": {\"lat\": 30.66, \"lon\": 104.06}}");

        JsonNode body = json.readTree(WebhookPayload.of(entry, json));

        assertThat(body.path("id").asText()).isEqualTo(eventId.toString());
        assertThat(body.path("type").asText()).isEqualTo("need.NeedPosted");
        assertThat(body.path("time").asText()).isEqualTo("2026-11-21T08:30:00.123456Z");
        assertThat(body.path("position").asLong()).isEqualTo(42);
        assertThat(body.path("data").path("site").path("lat").asDouble()).isEqualTo(30.66);
    }

    @Test
    void personal_data_is_cut_out_at_any_depth() throws Exception {
        FeedEntry entry = new FeedEntry(7, UUID.randomUUID(), "pledge.PledgeReserved", Instant.now(), """
                {"pledgeId": "p-1", "donorId": "d-1", "paymentRef": "ref", "donor": {"email": "a@b.org",
                 "displayName": "anonymous"}, "history": [{"phone": "123", "quantity": 2}]}""");

        String body = WebhookPayload.of(entry, json);

        assertThat(body).doesNotContain("donorId", "d-1", "paymentRef", "a@b.org", "phone");
        JsonNode data = json.readTree(body).path("data");
        assertThat(data.path("pledgeId").asText()).isEqualTo("p-1");
        assertThat(data.path("donor").path("displayName").asText()).isEqualTo("anonymous");
        assertThat(data.path("history").get(0).path("quantity").asInt()).isEqualTo(2);
    }
}

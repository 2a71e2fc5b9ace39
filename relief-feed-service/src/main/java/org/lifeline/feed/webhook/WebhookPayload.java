package org.lifeline.feed.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;

import java.time.format.DateTimeFormatter;

/** The body of a delivery: {@code {id, type, time, position, data}} from one feed entry, without personal data. */
final class WebhookPayload {

    private WebhookPayload() {
    }

    static String of(FeedEntry entry, ObjectMapper json) {
        try {
            JsonNode data = json.readTree(entry.data());
            if (PersonalData.strip(data)) {
                Log.warnf("feed entry %d (%s) carried personal data; it was left out of the webhook",
                        entry.position(), entry.type());
            }
            ObjectNode body = json.createObjectNode();
            body.put("id", entry.eventId().toString());
            body.put("type", entry.type());
            body.put("time", DateTimeFormatter.ISO_INSTANT.format(entry.occurredAt()));
            body.put("position", entry.position());
            body.set("data", data);
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed entry " + entry.position() + " is not JSON", e);
        }
    }
}

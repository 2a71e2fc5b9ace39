package org.lifeline.feed.infra;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lifeline.contracts.ContractJson;
import org.lifeline.kernel.consumer.PoisonEvent;

/**
 * JSON of the feed: events are read tolerantly with the contract rules; public models are written with RFC 3339
 * times and with absent values as null, as the other services' reads show them.
 */
public final class FeedJson {

    private static final ObjectMapper EVENTS = ContractJson.mapper();
    private static final ObjectMapper PUBLIC = ContractJson.mapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private FeedJson() {
    }

    /** Reads an event's data into its contract record; unreadable data can never be applied. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return EVENTS.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new PoisonEvent("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T readPublic(String json, Class<T> type) {
        try {
            return PUBLIC.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored " + type.getSimpleName(), e);
        }
    }

    public static String write(Object value) {
        try {
            return PUBLIC.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    public static ObjectNode tree(String json) {
        try {
            return (ObjectNode) PUBLIC.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    public static ObjectMapper mapper() {
        return PUBLIC;
    }
}

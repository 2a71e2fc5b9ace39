package org.lifeline.kernel.eventstore;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Chains of payload migrations per event type: the upcaster registered for version {@code n} turns
 * a version-n payload into version n+1. An event type's current schema version is one more than
 * its last upcaster's (1 when it has none). Stored events are never rewritten; they are upcast on
 * load.
 */
public final class Upcasters {

    private final Map<String, Map<Integer, UnaryOperator<ObjectNode>>> chains = new HashMap<>();

    /** Registers the step from {@code fromVersion} to {@code fromVersion + 1}; steps must be added in order from 1. */
    public Upcasters register(String eventType, int fromVersion, UnaryOperator<ObjectNode> step) {
        Map<Integer, UnaryOperator<ObjectNode>> chain = chains.computeIfAbsent(eventType, t -> new HashMap<>());
        if (fromVersion != chain.size() + 1) {
            throw new IllegalArgumentException("upcaster for " + eventType + " v" + fromVersion
                    + " out of order: next expected is v" + (chain.size() + 1));
        }
        chain.put(fromVersion, step);
        return this;
    }

    public int currentVersion(String eventType) {
        return chains.getOrDefault(eventType, Map.of()).size() + 1;
    }

    /** Brings a payload stored at {@code schemaVersion} up to the current version. */
    public ObjectNode upcast(String eventType, int schemaVersion, ObjectNode payload) {
        int current = currentVersion(eventType);
        if (schemaVersion > current) {
            throw new IllegalStateException(eventType + " v" + schemaVersion + " is newer than this code (v"
                    + current + ")");
        }
        Map<Integer, UnaryOperator<ObjectNode>> chain = chains.getOrDefault(eventType, Map.of());
        ObjectNode result = payload;
        for (int v = schemaVersion; v < current; v++) {
            result = chain.get(v).apply(result);
        }
        return result;
    }
}

package org.lifeline.kernel.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an aggregate's event records into stored JSON and back. The type name of an event is its
 * record's simple name; loading upcasts old payloads to the current schema first.
 */
public final class EventCodec<E> {

    private final ObjectMapper json;
    private final Upcasters upcasters;
    private final Map<String, Class<? extends E>> typesByName = new HashMap<>();

    public EventCodec(ObjectMapper json, Upcasters upcasters, List<Class<? extends E>> eventTypes) {
        this.json = json;
        this.upcasters = upcasters;
        for (Class<? extends E> type : eventTypes) {
            typesByName.put(type.getSimpleName(), type);
        }
    }

    /** The codec of a sealed event interface: every permitted record is a known type. */
    @SuppressWarnings("unchecked")
    public static <E> EventCodec<E> forSealed(ObjectMapper json, Upcasters upcasters, Class<E> sealedType) {
        if (!sealedType.isSealed()) {
            throw new IllegalArgumentException(sealedType + " is not sealed");
        }
        List<Class<? extends E>> types = new java.util.ArrayList<>();
        for (Class<?> permitted : sealedType.getPermittedSubclasses()) {
            types.add((Class<? extends E>) permitted);
        }
        return new EventCodec<>(json, upcasters, types);
    }

    public NewEvent encode(E event, EventMetadata metadata) {
        String type = event.getClass().getSimpleName();
        if (!typesByName.containsKey(type)) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        try {
            return new NewEvent(UUID.randomUUID(), type, upcasters.currentVersion(type),
                    json.writeValueAsString(event), metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type, e);
        }
    }

    public E decode(RecordedEvent event) {
        Class<? extends E> type = typesByName.get(event.type());
        if (type == null) {
            throw new IllegalStateException("unknown event type " + event.type() + " in stream " + event.streamId());
        }
        try {
            ObjectNode payload = (ObjectNode) json.readTree(event.payload());
            return json.treeToValue(upcasters.upcast(event.type(), event.schemaVersion(), payload), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + event.type() + " v" + event.schemaVersion()
                    + " at position " + event.position(), e);
        }
    }

    public List<E> decodeAll(List<RecordedEvent> events) {
        return events.stream().map(this::decode).toList();
    }
}

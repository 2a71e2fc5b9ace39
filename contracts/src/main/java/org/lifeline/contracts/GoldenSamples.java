package org.lifeline.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The golden JSON sample of each integration event, at {@code contracts/<aggregate>/<Event>.v<n>.json}
 * on the classpath. Producers check that what they publish has the sample's shape; consumers check
 * that they read the sample.
 */
public final class GoldenSamples {

    private GoldenSamples() {
    }

    /** The sample of a CloudEvents type such as {@code org.lifeline.need.NeedPosted.v1}. */
    public static String json(String cloudEventType) {
        String[] parts = cloudEventType.split("\\.");
        String path = "contracts/" + CloudEventTypes.aggregate(cloudEventType) + "/"
                + CloudEventTypes.eventName(cloudEventType) + "." + parts[4] + ".json";
        try (InputStream in = GoldenSamples.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden sample at " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String cloudEventType) {
        try {
            return ContractJson.mapper().readTree(json(cloudEventType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field names and value kinds of a JSON tree, recursively: the "shape" producers must keep. */
    public static JsonNode shape(JsonNode node) {
        var factory = ContractJson.mapper().getNodeFactory();
        if (node.isObject()) {
            var shape = factory.objectNode();
            node.properties().forEach(field -> shape.set(field.getKey(), shape(field.getValue())));
            return shape;
        }
        if (node.isArray()) {
            var shape = factory.arrayNode();
            if (!node.isEmpty()) {
                shape.add(shape(node.get(0)));
            }
            return shape;
        }
        return factory.textNode(node.getNodeType().name());
    }
}

package org.lifeline.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The golden JSON sample of each integration event, at {@code contracts/<aggregate>/<Event>.v<n>.json}
 * on the classpath. Producers check that what they publish has the sample's shape; consumers check
 * that they read the sample.
 *
 * <p>Each sample carries every field of its event, optional ones included, so it pins the full shape.
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

    /**
     * Checks what a producer published against the golden sample of {@code cloudEventType}.
     *
     * @throws AssertionError listing every difference, when there is one
     * @see #violations(String, JsonNode)
     */
    public static void assertConformsTo(String cloudEventType, JsonNode published) {
        List<String> violations = violations(cloudEventType, published);
        if (!violations.isEmpty()) {
            throw new AssertionError(cloudEventType + " does not conform to its golden sample:\n  "
                    + String.join("\n  ", violations) + "\npublished: " + published);
        }
    }

    public static boolean conformsTo(String cloudEventType, JsonNode published) {
        return violations(cloudEventType, published).isEmpty();
    }

    /**
     * How a published event differs from its golden sample; empty when it conforms. Every published field
     * must exist in the sample with the same JSON kind (number, string, boolean, object, array), recursively,
     * array elements compared with the sample's first element; every required field must be there. Required
     * are the top-level fields not listed as optional in {@link IntegrationEvents}, and every field of a
     * nested object. A producer that adds a field adds it to the sample (and the record) first.
     */
    public static List<String> violations(String cloudEventType, JsonNode published) {
        List<String> violations = new ArrayList<>();
        compare("", tree(cloudEventType), published, IntegrationEvents.optionalFields(cloudEventType), violations);
        return violations;
    }

    private static void compare(String path, JsonNode sample, JsonNode published, Set<String> optional,
                                List<String> violations) {
        if (sample.getNodeType() != published.getNodeType()) {
            violations.add((path.isEmpty() ? "the event" : path) + " is " + kind(published) + ", the sample has "
                    + kind(sample));
            return;
        }
        if (sample.isObject()) {
            published.properties().forEach(field -> {
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode expected = sample.get(field.getKey());
                if (expected == null) {
                    violations.add(fieldPath + " is not in the sample");
                } else {
                    compare(fieldPath, expected, field.getValue(), Set.of(), violations);
                }
            });
            sample.fieldNames().forEachRemaining(name -> {
                if (!published.has(name) && !optional.contains(name)) {
                    violations.add((path.isEmpty() ? name : path + "." + name) + " is required but missing");
                }
            });
        } else if (sample.isArray()) {
            for (int i = 0; i < published.size(); i++) {
                String element = path + "[" + i + "]";
                if (sample.isEmpty()) {
                    violations.add(element + " cannot be checked: the sample's array is empty");
                } else {
                    compare(element, sample.get(0), published.get(i), Set.of(), violations);
                }
            }
        }
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}

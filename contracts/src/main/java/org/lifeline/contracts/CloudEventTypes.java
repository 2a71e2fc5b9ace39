package org.lifeline.contracts;

/** CloudEvents type names of Lifeline's integration events: {@code org.lifeline.<aggregate>.<Event>.v<n>}. */
public final class CloudEventTypes {
    private static final String PREFIX = "org.lifeline.";

    private CloudEventTypes() {
    }

    public static String of(String aggregate, String event, int version) {
        return PREFIX + aggregate + "." + event + ".v" + version;
    }

    /** The event name of a type, e.g. {@code NeedPosted} of {@code org.lifeline.need.NeedPosted.v1}. */
    public static String eventName(String type) {
        String[] parts = type.split("\\.");
        if (!type.startsWith(PREFIX) || parts.length != 5 || !parts[4].matches("v\\d+")) {
            throw new IllegalArgumentException("not a Lifeline event type: " + type);
        }
        return parts[3];
    }

    /** The aggregate of a type, e.g. {@code need} of {@code org.lifeline.need.NeedPosted.v1}. */
    public static String aggregate(String type) {
        eventName(type);
        return type.split("\\.")[2];
    }
}

package org.lifeline.kernel.eventstore;

/**
 * What to publish for a recorded event: the topic and the CloudEvents type; the record key is the
 * stream id, the data is the given payload (the integration contract's JSON).
 */
public record OutboxMessage(String topic, String cloudEventType, String payload) {
}

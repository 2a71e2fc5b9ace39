package org.lifeline.campaigns.domain.need;

/** How soon the need must be met, most urgent first. */
public enum Urgency {
    CRITICAL, HIGH, MEDIUM, LOW
}

package org.lifeline.donations.domain.money;

/** NONE before it is received; a match does not change the status (the response shows {@code matched}). */
public enum DonationStatus {
    NONE, RECEIVED, REFUNDED
}

package org.lifeline.contracts;

/** Money in minor units (fen, cents) of an ISO 4217 currency: {@code {"amount": 5000, "currency": "CNY"}}. */
public record Money(long amount, String currency) {
}

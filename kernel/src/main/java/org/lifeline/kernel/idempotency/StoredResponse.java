package org.lifeline.kernel.idempotency;

/** The response a command gave (status and JSON body), kept so a retried request gets the same answer. */
public record StoredResponse(int status, String body) {
}

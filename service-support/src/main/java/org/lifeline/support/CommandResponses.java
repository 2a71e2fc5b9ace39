package org.lifeline.support;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.StoredResponse;

/**
 * How a command's response goes out: the stored response (so an {@code Idempotency-Key} replay answers
 * the same), problem+json for errors, marked {@code Idempotent-Replayed} when it is a replay; and the
 * stream version an {@code If-Match} names.
 */
public final class CommandResponses {

    public static final String REPLAYED = "Idempotent-Replayed";

    private CommandResponses() {
    }

    /** The stored response as sent. */
    public static Response.ResponseBuilder respond(CommandExecutor.Outcome outcome) {
        StoredResponse stored = outcome.response();
        Response.ResponseBuilder response = Response.status(stored.status())
                .type(stored.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(stored.body());
        if (outcome.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response;
    }

    /**
     * The stream version an {@code If-Match} names: -1 (matching none) for a tag that is not ours, null for none
     * or {@code *}.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}

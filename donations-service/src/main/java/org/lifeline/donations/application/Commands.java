package org.lifeline.donations.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.Problem;
import org.lifeline.support.ProblemException;
import org.lifeline.support.eventsourcing.Correlation;

import java.time.Instant;

/**
 * What the pledge, money and offer commands share: event metadata, responses stored with the command (so
 * that an {@code Idempotency-Key} replay answers the same; sent by service-support's CommandResponses), and
 * the {@code If-Match} check.
 */
public final class Commands {

    private Commands() {
    }

    /** The metadata of the events an HTTP command records: its actor, the request's id and idempotency key. */
    public static EventMetadata metadata(Actor actor, String requestId, IdempotentRequest request, Instant now) {
        return Correlation.forRequest(actor.subject(), requestId, request == null ? null : request.key(), now);
    }

    public static StoredResponse stored(ObjectMapper json, int status, Object body) {
        try {
            return new StoredResponse(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    /** A problem answered (and remembered for replays) as the response to the request at {@code path}. */
    public static StoredResponse problem(ObjectMapper json, Problem problem, String path) {
        return stored(json, problem.status(), new Problem(problem.type(), problem.title(), problem.status(),
                problem.detail(), path, problem.errors(), problem.extensions()));
    }

    /** The typed body of a stored (possibly replayed) response. */
    public static <T> T read(ObjectMapper json, StoredResponse response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName(), e);
        }
    }

    /** 409 when the caller's {@code If-Match} names another version than the stream's. */
    public static void checkVersion(Long ifMatch, long version, String what) {
        if (ifMatch != null && ifMatch != version) {
            throw new ProblemException(409, "Stale version", "The " + what + " is at version " + version + ", not "
                    + ifMatch + ".");
        }
    }
}

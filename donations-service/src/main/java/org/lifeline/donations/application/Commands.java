package org.lifeline.donations.money;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lifeline.kernel.eventstore.ConcurrencyConflict;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.Problem;
import org.lifeline.support.ProblemException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** What the money and offer endpoints share: idempotency, stored responses, If-Match, and riding out contention. */
public final class Commands {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String KEY_PATTERN = "^[\\x20-\\x7E]+$";
    public static final String REQUEST_ID = "X-Request-Id";

    /**
     * Rounds of the command executor's own retries (each up to 10 immediate attempts) that a command which
     * keeps losing the race on a hot stream (a match pool under a burst of donations) gets, with a short
     * random pause between rounds so that the losers do not collide again in step.
     */
    private static final int CONTENTION_ROUNDS = 20;

    private Commands() {
    }

    /** The request as the kernel remembers it, or null without a key; the body is hashed as re-serialised. */
    public static IdempotentRequest idempotent(ObjectMapper json, Actor actor, String key, String method, String path,
                                               Object body) {
        if (key == null) {
            return null;
        }
        try {
            String text = body instanceof String s ? s : json.writeValueAsString(body);
            return new IdempotentRequest(actor.subject(), key, IdempotentRequest.hash(method, path, text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }

    public static StoredResponse stored(ObjectMapper json, int status, Object body) {
        try {
            return new StoredResponse(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    /** A problem answered (and remembered for replays) as the response of a command that committed. */
    public static StoredResponse problem(ObjectMapper json, int status, String code, String title, String detail,
                                         String path, Map<String, Object> extensions) {
        return stored(json, status, new Problem(Problem.TYPE_PREFIX + code, title, status, detail, path, null,
                extensions));
    }

    public static <T> T read(ObjectMapper json, StoredResponse response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName(), e);
        }
    }

    /** The stored response as sent: problem+json for errors, and marked when it is a replay. */
    public static Response.ResponseBuilder respond(CommandExecutor.Outcome outcome) {
        StoredResponse stored = outcome.response();
        Response.ResponseBuilder response = Response.status(stored.status())
                .type(stored.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(stored.body());
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }

    /** The stream version an {@code If-Match} names; -1 (matching none) for a tag that is not ours, null for none or *. */
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

    /** 409 when the caller's {@code If-Match} names another version than the stream's. */
    public static void checkVersion(Long ifMatch, long version, String what) {
        if (ifMatch != null && ifMatch != version) {
            throw new ProblemException(409, "Stale version", "The " + what + " is at version " + version + ", not "
                    + ifMatch + ".");
        }
    }

    /**
     * Runs a command again when it still lost the race on a stream's version after the executor's own
     * attempts. Each loss means another command on the same stream committed, so this bounds how many
     * simultaneous commands on one stream are all served without a 409.
     */
    public static <T> Uni<T> persistently(Supplier<Uni<T>> command) {
        return persistently(command, 1);
    }

    private static <T> Uni<T> persistently(Supplier<Uni<T>> command, int round) {
        return Uni.createFrom().<T>deferred(command::get).onFailure(ConcurrencyConflict.class).recoverWithUni(conflict -> {
            if (round >= CONTENTION_ROUNDS) {
                return Uni.createFrom().failure(conflict);
            }
            Duration pause = Duration.ofMillis(1 + ThreadLocalRandom.current().nextInt(5 * Math.min(round, 10)));
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                    .flatMap(ignored -> persistently(command, round + 1));
        });
    }
}

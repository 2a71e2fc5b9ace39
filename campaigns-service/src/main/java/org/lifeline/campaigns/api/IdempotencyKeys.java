package org.lifeline.campaigns.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.campaigns.application.Actor;
import org.lifeline.kernel.idempotency.IdempotentRequest;

/** Turns a request's {@code Idempotency-Key} into the kernel's {@link IdempotentRequest}. */
@ApplicationScoped
public class IdempotencyKeys {

    private final ObjectMapper json;

    IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The request as the kernel remembers it, or null without a key. The body is hashed as
     * re-serialised after validation, so whitespace and unknown fields do not make it "another" body.
     */
    public IdempotentRequest of(Actor actor, String key, String method, String path, Object body) {
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
}

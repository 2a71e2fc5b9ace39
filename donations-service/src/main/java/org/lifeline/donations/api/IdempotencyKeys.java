package org.lifeline.donations.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.application.Actor;
import org.lifeline.kernel.idempotency.IdempotentRequest;

/**
 * Turns a request's {@code Idempotency-Key} into the kernel's {@link IdempotentRequest}. A copy of
 * campaigns-service's: it belongs in service-support once both take the caller's subject.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The header, and what a key may be: 1–200 printable ASCII characters. */
    public static final String HEADER = "Idempotency-Key";
    public static final String PATTERN = "^[\\x20-\\x7E]+$";

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
            String text = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
            return new IdempotentRequest(actor.subject(), key, IdempotentRequest.hash(method, path, text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }
}

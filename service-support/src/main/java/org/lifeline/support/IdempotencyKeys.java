package org.lifeline.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.kernel.idempotency.IdempotentRequest;

/**
 * Turns a request's {@code Idempotency-Key} into the kernel's {@link IdempotentRequest}, for every
 * service's POST and PATCH endpoints. A key belongs to its caller: the same key from two accounts is
 * two requests.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The header, and what a key may be (with {@code @Size(min = 1, max = 200)}): printable ASCII. */
    public static final String HEADER = "Idempotency-Key";
    public static final String PATTERN = "^[\\x20-\\x7E]+$";

    private final ObjectMapper json;

    IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The request as the kernel remembers it, or null without a key. The body is hashed as
     * re-serialised after validation, so whitespace and unknown fields do not make it "another"
     * body; a request without one passes {@code ""} (or null).
     *
     * @param subject the caller's account (the token's subject)
     */
    public IdempotentRequest of(String subject, String key, String method, String path, Object body) {
        if (key == null) {
            return null;
        }
        try {
            String text = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
            return new IdempotentRequest(subject, key, IdempotentRequest.hash(method, path, text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }
}

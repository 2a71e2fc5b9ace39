package org.lifeline.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of a list ordered newest first (by a time, then by id) ends: written to clients as an opaque
 * {@code cursor}, read back from the next request. Every list of the public API pages this way.
 */
public record PagePosition(Instant at, UUID id) {

    public String toCursor() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; empty when it is not one of ours. */
    public static Optional<PagePosition> fromCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return Optional.of(new PagePosition(Instant.parse(text.substring(0, bar)),
                    UUID.fromString(text.substring(bar + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The position a request's {@code cursor} asks to continue after: null (from the newest) when there is none,
     * a 400 problem when it is not one this API gave.
     */
    public static PagePosition after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        return fromCursor(cursor).orElseThrow(() -> new ProblemException(400, "Bad Request",
                "The cursor is not one this API gave."));
    }
}

package org.lifeline.feed.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Where a page ends in a list ordered by (time, id): written to clients as an opaque cursor. */
record PageCursor(Instant time, UUID id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((time + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; empty when it is not one of ours. */
    static Optional<PageCursor> decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return Optional.of(new PageCursor(Instant.parse(text.substring(0, bar)),
                    UUID.fromString(text.substring(bar + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

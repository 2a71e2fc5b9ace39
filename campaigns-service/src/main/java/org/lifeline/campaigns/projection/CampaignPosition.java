package org.lifeline.campaigns.projection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Where a page of campaigns (newest first by opened time, then id) ends; written to clients as an opaque cursor. */
public record CampaignPosition(Instant openedAt, UUID id) {

    public String toCursor() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((openedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; empty when it is not one of ours. */
    public static Optional<CampaignPosition> fromCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return Optional.of(new CampaignPosition(Instant.parse(text.substring(0, bar)),
                    UUID.fromString(text.substring(bar + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

package org.lifeline.feed.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.lifeline.feed.infra.FeedJson;

/**
 * Opaque cursors: the sort values of the last item a page showed (a keyset, never an offset, so a cursor keeps
 * its place while items are added or change), as base64url JSON. Clients must not build them.
 */
final class Cursors {

    private Cursors() {
    }

    static String encode(ObjectNode values) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(values.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's values, or null (with an error recorded) when it is not one of ours. */
    static ObjectNode decode(String cursor, QueryParams params) {
        if (QueryParams.blank(cursor)) {
            return null;
        }
        try {
            JsonNode node = FeedJson.mapper().readTree(Base64.getUrlDecoder().decode(cursor.trim()));
            if (node instanceof ObjectNode values) {
                return values;
            }
        } catch (IllegalArgumentException | IOException e) {
            // not base64url JSON: reported below
        }
        return params.error("cursor", "is not a cursor this list gave out");
    }

    static ObjectNode object() {
        return FeedJson.mapper().createObjectNode();
    }
}

package org.lifeline.feed.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * The last guard before a delivery leaves: the feed log holds public read models only, but should a donor's
 * identifiers or contact details ever slip into one, they are cut out here rather than sent to a partner.
 */
final class PersonalData {

    static final Set<String> FIELDS = Set.of("donorId", "paymentRef", "email", "donorEmail", "phone");

    private PersonalData() {
    }

    /** Removes the personal fields at any depth, in place; true when there were any. */
    static boolean strip(JsonNode node) {
        boolean found = false;
        if (node instanceof ObjectNode object) {
            for (String field : FIELDS) {
                found |= object.remove(field) != null;
            }
            for (JsonNode child : object) {
                found |= strip(child);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                found |= strip(child);
            }
        }
        return found;
    }
}

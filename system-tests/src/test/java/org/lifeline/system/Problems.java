package org.lifeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the contract asks of an error answer: RFC 9457 {@code application/problem+json} with type, title, status and detail. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** What is wrong with an error answer as a problem document; empty when nothing is. */
    static List<String> defects(int status, String contentType, String body) {
        List<String> defects = new ArrayList<>();
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(MEDIA_TYPE)) {
            defects.add("content type is '" + contentType + "', not " + MEDIA_TYPE);
            return defects;
        }
        JsonNode problem;
        try {
            problem = Api.JSON.readTree(body);
        } catch (IOException e) {
            defects.add("body is not JSON");
            return defects;
        }
        if (problem == null || !problem.isObject()) {
            defects.add("body is not a JSON object");
            return defects;
        }
        for (String field : List.of("type", "title", "detail")) {
            if (!problem.path(field).isTextual()) {
                defects.add("no '" + field + "' string");
            }
        }
        if (!problem.path("status").isInt() || problem.path("status").asInt() != status) {
            defects.add("'status' is " + problem.get("status") + ", not " + status);
        }
        if (body.contains("\tat ") || body.contains("Exception:")) {
            defects.add("body shows a stack trace or exception");
        }
        return defects;
    }
}

package org.lifeline.support;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, written as {@code application/problem+json}.
 *
 * @param type       a URI naming the kind of problem, {@code about:blank} for a plain HTTP status
 * @param title      a short summary of the kind of problem
 * @param status     the HTTP status code
 * @param detail     what went wrong with this request
 * @param instance   the request path, when known
 * @param errors     the invalid fields of a validation failure, otherwise null
 * @param extensions further members written at the top level, such as {@code outstanding}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String BLANK_TYPE = "about:blank";
    public static final String TYPE_PREFIX = "https://lifeline.org/problems/";

    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** One invalid input field: its JSON path (such as {@code site.lat}) and what is wrong with it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message) { }
}

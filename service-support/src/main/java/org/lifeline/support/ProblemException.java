package org.lifeline.support;

import java.util.Locale;
import java.util.Map;

/**
 * Thrown by services to answer with a problem of their own, such as a 409 over-pledge carrying
 * {@code outstanding}. Its type is the title as a slug under {@link Problem#TYPE_PREFIX}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The problem this exception stands for, at the given request path. */
    public Problem toProblem(String instance) {
        return new Problem(type(), title, status, getMessage(), instance, null, extensions);
    }

    String type() {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return Problem.TYPE_PREFIX + slug;
    }
}

package org.lifeline.feed.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.lifeline.support.Problem;

/** Reads query parameters, collecting every error (so that one 400 names every bad field). */
final class QueryParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    UUID uuid(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return error(field, "must be a UUID");
        }
    }

    /** An RFC 3339 time such as {@code 2026-11-21T08:30:00Z}. */
    Instant time(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return error(field, "must be an RFC 3339 time such as 2026-11-21T08:30:00Z");
        }
    }

    /** A time that has passed: what the feed shows "as of" a moment it has not reached yet could still change. */
    Instant pastTime(String field, String value) {
        Instant time = time(field, value);
        if (time != null && time.isAfter(Instant.now())) {
            return error(field, "must not be in the future");
        }
        return time;
    }

    int limit(String value) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error("limit", "must be an integer from 1 to " + MAX_LIMIT);
        return DEFAULT_LIMIT;
    }

    /** A comma-separated list of upper-case codes, each one of {@code allowed}. */
    List<String> codes(String field, String value, Predicate<String> allowed, String allowedText) {
        if (blank(value)) {
            return List.of();
        }
        List<String> codes = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
        if (codes.isEmpty() || !codes.stream().allMatch(allowed)) {
            error(field, "must be one or more (comma-separated) of " + allowedText);
            return List.of();
        }
        return codes;
    }

    Double number(String field, String value, double min, double max) {
        if (blank(value)) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return error(field, "must be a number from " + plain(min) + " to " + plain(max));
    }

    <T> T error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return null;
    }

    /** Throws the collected errors as one 400, if there are any. */
    void check() {
        if (!errors.isEmpty()) {
            throw new InvalidQuery(errors);
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}

package org.lifeline.gateway.proxy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A path pattern such as {@code /api/v1/campaigns/*}{@code /match-pools}: {@code *} matches exactly one
 * segment, a trailing {@code **} any number of segments (none included).
 */
public record PathPattern(String text, List<String> segments) {

    private static final String ONE = "*";
    private static final String ANY = "**";

    /** More literal segments first, then patterns without a trailing {@code **}, then longer ones. */
    static final Comparator<PathPattern> MOST_SPECIFIC_FIRST = Comparator
            .comparingLong(PathPattern::literals).reversed()
            .thenComparing(PathPattern::open)
            .thenComparing(Comparator.comparingInt((PathPattern p) -> p.segments.size()).reversed());

    public PathPattern {
        segments = List.copyOf(segments);
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).equals(ANY) && i != segments.size() - 1) {
                throw new IllegalArgumentException("'**' may only end a pattern: " + text);
            }
        }
    }

    public static PathPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("A route pattern starts with '/': " + text);
        }
        return new PathPattern(text, segments(text));
    }

    static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    public boolean matches(String path) {
        return matches(segments(path));
    }

    boolean matches(List<String> path) {
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (expected.equals(ANY)) {
                return true;
            }
            if (i >= path.size() || !(expected.equals(ONE) || expected.equals(path.get(i)))) {
                return false;
            }
        }
        return path.size() == segments.size();
    }

    private long literals() {
        return segments.stream().filter(s -> !s.equals(ONE) && !s.equals(ANY)).count();
    }

    private boolean open() {
        return !segments.isEmpty() && segments.getLast().equals(ANY);
    }
}

package org.lifeline.feed.webhook;

import java.util.List;

/**
 * A subscription's event-type filter: exact public types such as {@code need.NeedPosted}, or a whole kind as
 * {@code need.*}. Public types are the feed log's {@code <kind>.<EventName>}.
 */
record EventTypes(List<String> patterns) {

    /** The kinds of the feed log; other types never reach it (offers, for one, carry a donor's location). */
    static final List<String> KINDS = List.of("need", "post", "campaign", "match-pool", "pledge", "donation");

    /** What one pattern must look like: a known kind, then {@code *} or an event name. */
    static final String PATTERN = "^(need|post|campaign|match-pool|pledge|donation)\\.(\\*|[A-Z][A-Za-z0-9]{0,99})$";

    static final String PATTERN_MESSAGE = "must be <kind>.* or <kind>.<EventName> with kind one of "
            + "need, post, campaign, match-pool, pledge, donation";

    EventTypes {
        patterns = patterns.stream().distinct().toList();
    }

    boolean wants(String type) {
        for (String pattern : patterns) {
            if (pattern.endsWith(".*") ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                    : type.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}

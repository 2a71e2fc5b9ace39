package org.lifeline.feed.webhook;

import java.net.URI;
import java.util.UUID;

/**
 * A subscription as its deliverer holds it: where to, signed with what, which types, how far it got
 * ({@code position}) and in which generation (a redelivery starts a new one).
 */
record Subscription(UUID id, URI url, String secret, EventTypes eventTypes, long position, long generation) {

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", url=" + url + ", position=" + position + ", generation=" + generation + "]";
    }
}

package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** More is reserved than requested; nothing was dropped, the coordinator chooses which pledges to release. */
public record NeedOverSubscribed(UUID needId, int requested, int reserved) implements NeedEvent {

    /** How much the coordinator has to release to bring reservations back within the request. */
    public int excess() {
        return reserved - requested;
    }
}

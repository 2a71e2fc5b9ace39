package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** What a coordinator, the freshness sweep, or donations' pledge events ask of a need. */
public sealed interface NeedCommand
        permits PostNeed, ReviseQuantity, Reprioritize, ChangeDeadline, ReconfirmNeed, CloseNeed,
                CheckFreshness, RecordReservation, ReleaseReservation, RecordDelivery {

    UUID needId();
}

package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** What happened to a need. */
public sealed interface NeedEvent
        permits NeedPosted, NeedQuantityRevised, NeedReprioritized, NeedDeadlineChanged, NeedReconfirmed,
                NeedMarkedStale, NeedExpired, NeedOverSubscribed, NeedFulfilled, NeedClosed, NeedCancelled,
                NeedQuantityReserved, NeedReservationReleased, NeedDeliveryRecorded {

    UUID needId();
}

package org.lifeline.donations.api;

import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/pledges/{id}/cancel}: the reason may be left out (or the whole body). */
public record CancelRequest(@Size(max = 500) String reason) {

    static final CancelRequest NONE = new CancelRequest(null);
}

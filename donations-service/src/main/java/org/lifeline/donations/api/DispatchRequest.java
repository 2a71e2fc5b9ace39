package org.lifeline.donations.api;

import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/pledges/{id}/dispatch}: both fields may be left out (or the whole body). */
public record DispatchRequest(@Size(min = 1, max = 200) String carrier, @Size(min = 1, max = 200) String trackingRef) {

    static final DispatchRequest NONE = new DispatchRequest(null, null);
}

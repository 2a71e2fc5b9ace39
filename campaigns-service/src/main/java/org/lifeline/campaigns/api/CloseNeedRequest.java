package org.lifeline.campaigns.api;

import jakarta.validation.constraints.NotNull;
import org.lifeline.campaigns.domain.need.CloseReason;

/** The body of {@code POST /api/v1/needs/{id}/close}. */
public record CloseNeedRequest(@NotNull CloseReason reason) {
}

package org.lifeline.campaigns.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.lifeline.campaigns.domain.need.Needs;
import org.lifeline.campaigns.domain.need.Urgency;

import java.time.Instant;
import java.util.Optional;

/**
 * The body of {@code PATCH /api/v1/needs/{id}}: each field given is changed, absent ones are left.
 * {@code "neededBy": null} removes the deadline, so for it null and absent differ; a class with a
 * setter tells them apart, where a record could not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ReviseNeedRequest {

    @Min(Needs.MIN_QUANTITY)
    @Max(Needs.MAX_QUANTITY)
    private Integer quantity;
    private Urgency urgency;
    private Instant neededBy;
    private boolean neededByGiven;

    public Integer getQuantity() {
        return quantity;
    }

    public void setQuantity(Integer quantity) {
        this.quantity = quantity;
    }

    public Urgency getUrgency() {
        return urgency;
    }

    public void setUrgency(Urgency urgency) {
        this.urgency = urgency;
    }

    /**
     * As the body gave it: null when absent, empty for {@code "neededBy": null}. Written this way
     * too, so that the two hash apart for {@code Idempotency-Key}.
     */
    @JsonProperty("neededBy")
    public Optional<Instant> getNeededBy() {
        return neededByGiven ? Optional.ofNullable(neededBy) : null;
    }

    public void setNeededBy(Instant neededBy) {
        this.neededBy = neededBy;
        this.neededByGiven = true;
    }
}

package org.lifeline.support.stack;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;

/** A test-only endpoint with a validated body, so that tests can provoke 400s the way real endpoints do. */
@Path("/test/probe")
public class ProbeResource {

    /**
     * A request body shaped like a posted need, with a money-like amount, a decimal like a match pool's
     * ratio, and a list of texts.
     */
    public record Probe(@Positive int quantity, @NotNull @Valid Site site, Urgency urgency, Long amount,
                        BigDecimal ratio, List<String> tags) { }

    /** A code from a fixed list, as sectors and urgencies are. */
    public enum Urgency { CRITICAL, HIGH }

    /** A place, as in the public API. */
    public record Site(@NotBlank String name, @Max(90) double lat) { }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Probe echo(@Valid Probe probe) {
        return probe;
    }
}

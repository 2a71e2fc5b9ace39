package org.lifeline.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON rules of integration events: RFC 3339 times, no nulls written, and tolerant reading
 * (unknown fields are ignored, so producers may add fields without breaking consumers).
 *
 * <p>Enumerations in the contract records are Java enums with the values docs/events.md lists plus
 * an {@code UNKNOWN} constant marked {@code @JsonEnumDefaultValue}: this mapper reads a value it does
 * not know (added by a newer producer) as {@code UNKNOWN} instead of failing. Read events with this
 * mapper (or {@link IntegrationEvents#read}); another mapper needs
 * {@code READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE} for the same tolerance.
 */
public final class ContractJson {

    private ContractJson() {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .setDefaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS));
    }
}

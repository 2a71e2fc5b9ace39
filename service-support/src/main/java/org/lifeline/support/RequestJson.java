package org.lifeline.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The JSON rules of every service's REST edge: a request says what the contract says or is refused with a 400 naming
 * the field. An integer field takes only an integer literal (no {@code 1.5} rounded down to 1, no {@code "2"}), a
 * decimal field takes any number but not a string (nor {@code "NaN"}), a code takes its name but not an index, a flag
 * only {@code true} or {@code false}, and text PostgreSQL cannot store is refused ({@link StorableText}).
 *
 * <p>This customizes the application's {@link ObjectMapper}, which reads request bodies. Integration events are read
 * by {@code ContractJson}'s own mapper and stay tolerant.
 */
@Singleton
public class RequestJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("lifeline-request-json")
                .addDeserializer(String.class, new StorableText.Deserializer())
                .addDeserializer(Double.class, new NumericDouble(Double.class, null))
                .addDeserializer(Double.TYPE, new NumericDouble(Double.TYPE, 0d)));
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }

    /** A double from a JSON number only: Jackson takes {@code "NaN"} and {@code "Infinity"} before any coercion rule. */
    static final class NumericDouble extends NumberDeserializers.DoubleDeserializer {

        NumericDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Double) context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }
}

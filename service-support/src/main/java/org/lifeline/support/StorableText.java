package org.lifeline.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * Text PostgreSQL can store: no NUL (U+0000), which it refuses in {@code text} and {@code jsonb}, and no unpaired
 * UTF-16 surrogate, which has no UTF-8 form (the driver would store a {@code ?} in its place). Input with either is
 * refused at the edge, before it reaches a handler.
 */
public final class StorableText {

    /** What a client is told about the field; never the text itself. */
    public static final String MESSAGE = "contains a character that cannot be stored (NUL or an unpaired surrogate)";

    private StorableText() {
    }

    /** Whether the text can be stored as it is. */
    public static boolean isStorable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++; // the pair's low half
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON string that cannot be stored; Jackson adds the path of the field it was read for. */
    public static final class UnstorableTextException extends InvalidFormatException {

        UnstorableTextException(JsonParser parser) {
            // The text stays out of the message: it is whatever the caller sent.
            super(parser, "Text " + MESSAGE, null, String.class);
        }
    }

    /** Reads JSON strings as Jackson does, refusing those that cannot be stored. */
    static final class Deserializer extends StdScalarDeserializer<String> {

        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && !isStorable(text)) {
                throw new UnstorableTextException(parser);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }
}

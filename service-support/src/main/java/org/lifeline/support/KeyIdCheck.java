package org.lifeline.support;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Refuses a bearer token whose {@code kid} header is missing or names another key than the expected one
 * ({@code smallrye.jwt.token.kid}, from {@code LIFELINE_JWT_KID}). smallrye-jwt refuses another {@code kid} by
 * itself, but lets a token without one through, and checks none when the verification key is given as a key
 * rather than a location (the gateway's generated key); this check covers both, for every service and the gateway.
 * Without an expected key id nothing is checked here.
 */
@Decorator
@Priority(10)
public abstract class KeyIdCheck implements JWTParser {

    private final JWTParser parser;
    private final JWTAuthContextInfo verification;

    @Inject
    KeyIdCheck(@Delegate JWTParser parser, JWTAuthContextInfo verification) {
        this.parser = parser;
        this.verification = verification;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        String expected = verification.getTokenKeyId();
        if (expected != null && !expected.isBlank()) {
            String kid = keyId(token);
            if (!expected.equals(kid)) {
                throw new ParseException(kid == null
                        ? "The token names no signing key (kid)"
                        : "The token names another signing key (kid) than the expected one");
            }
        }
        return parser.parse(token);
    }

    private static String keyId(String token) throws ParseException {
        try {
            return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException | RuntimeException e) {
            throw new ParseException("The token is not a compact JWS", e);
        }
    }
}

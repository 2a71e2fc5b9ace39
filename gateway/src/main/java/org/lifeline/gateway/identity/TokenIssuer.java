package org.lifeline.gateway.identity;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.lifeline.support.Caller;

/**
 * Issues the RS256 tokens the services verify: {@code iss} lifeline, roles in {@code groups}, coordinated
 * organisations in {@code orgs}, a {@code kid} header naming the key of {@link SigningKeys}.
 */
@ApplicationScoped
public class TokenIssuer {

    public static final String ISSUER = "lifeline";
    public static final String PARTNER_ROLE = "partner";

    private final SigningKeys keys;
    private final IdentityConfig config;

    TokenIssuer(SigningKeys keys, IdentityConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** An account's access token, valid for {@code lifeline.gateway.token-lifetime} (an hour by default). */
    public String accountToken(Account account) {
        JwtClaimsBuilder claims = Jwt.claims()
                .subject(account.id().toString())
                .upn(account.email())
                .claim("email", account.email())
                .claim("name", account.displayName())
                .groups(account.roles());
        if (!account.organisations().isEmpty()) {
            claims.claim(Caller.ORGANISATIONS_CLAIM, account.organisations().stream().map(UUID::toString).sorted().toList());
        }
        return sign(claims, accountTokenLifetime());
    }

    /**
     * A short-lived token (60 s by default) for one proxied partner request: {@code sub} {@code partner:<id>},
     * {@code groups} [partner], {@code scope} its scopes space-separated, {@code orgs} its organisation if any.
     */
    public String partnerToken(Partner partner) {
        JwtClaimsBuilder claims = Jwt.claims()
                .subject("partner:" + partner.id())
                .claim("name", partner.name())
                .groups(Set.of(PARTNER_ROLE))
                .claim("scope", String.join(" ", partner.scopes().stream().sorted().toList()));
        if (partner.organisationId() != null) {
            claims.claim(Caller.ORGANISATIONS_CLAIM, java.util.List.of(partner.organisationId().toString()));
        }
        return sign(claims, config.partnerTokenLifetime());
    }

    public Duration accountTokenLifetime() {
        return config.tokenLifetime();
    }

    private String sign(JwtClaimsBuilder claims, Duration lifetime) {
        Instant now = Instant.now();
        return claims.issuer(ISSUER)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.kid())
                .sign(keys.privateKey());
    }
}

package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lifeline.support.PagePosition;
import org.lifeline.support.ProblemException;

/**
 * Partners and their API keys. A key is {@code llk_} and 32 random bytes in base64url, shown once when the partner
 * is created; only its SHA-256 is stored. Nothing is cached, so a revoked key fails on the very next request.
 */
@ApplicationScoped
public class PartnerKeys {

    /** A new partner and the only copy of its API key there will ever be. */
    public record IssuedKey(Partner partner, String apiKey) { }

    /** A partner as an admin lists it: never its key, nor the key's hash. */
    public record PartnerView(UUID id, String name, UUID organisationId, List<String> scopes, Instant createdAt,
                              boolean revoked, Instant revokedAt) { }

    static final String KEY_PREFIX = "llk_";
    private static final int KEY_BYTES = 32;
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final SecureRandom random = new SecureRandom();
    private final Pool pool;

    PartnerKeys(Pool pool) {
        this.pool = pool;
    }

    /** Creates a partner with a new key; an unknown organisation gives a 404 problem. */
    public Uni<IssuedKey> create(String name, UUID organisationId, Set<String> scopes) {
        return create(pool, name, organisationId, scopes);
    }

    /** As {@link #create(String, UUID, Set)}, in the caller's transaction. */
    public Uni<IssuedKey> create(SqlClient client, String name, UUID organisationId, Set<String> scopes) {
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        String apiKey = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Partner partner = new Partner(UUID.randomUUID(), name, organisationId, scopes);
        return client.preparedQuery("""
                        INSERT INTO partners (id, name, organisation_id, scopes, key_hash) VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(partner.id(), name, organisationId,
                        partner.scopes().stream().sorted().toArray(String[]::new),
                        Buffer.buffer(hash(apiKey))))
                .onFailure(e -> e instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState()))
                .transform(e -> new ProblemException(404, "Unknown organisation",
                        "No organisation has id " + organisationId + "."))
                .replaceWith(new IssuedKey(partner, apiKey));
    }

    /** Revokes the partner's key at once; false when no partner has this id. Revoking twice changes nothing. */
    public Uni<Boolean> revoke(UUID partnerId) {
        return pool.preparedQuery("UPDATE partners SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1")
                .execute(Tuple.of(partnerId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The partner whose live key this is; empty for an unknown, malformed or revoked key. */
    public Uni<Optional<Partner>> authenticate(String apiKey) {
        if (apiKey == null || !apiKey.startsWith(KEY_PREFIX) || apiKey.length() > 100) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("""
                        SELECT id, name, organisation_id, scopes FROM partners
                        WHERE key_hash = $1 AND revoked_at IS NULL""")
                .execute(Tuple.of(Buffer.buffer(hash(apiKey))))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(partner(rows.iterator().next())));
    }

    /** Up to {@code limit} partners after {@code after} (null: from the newest), newest first, revoked ones too. */
    public Uni<List<PartnerView>> list(PagePosition after, int limit) {
        return pool.preparedQuery("""
                        SELECT id, name, organisation_id, scopes, created_at, revoked_at FROM partners
                        WHERE ($1::timestamptz IS NULL OR (created_at, id) < ($1, $2::uuid))
                        ORDER BY created_at DESC, id DESC LIMIT $3""")
                .execute(Tuple.tuple(Arrays.asList(after == null ? null : after.at().atOffset(ZoneOffset.UTC),
                        after == null ? null : after.id(), limit)))
                .map(rows -> {
                    List<PartnerView> partners = new ArrayList<>(rows.size());
                    rows.forEach(row -> {
                        OffsetDateTime revokedAt = row.getOffsetDateTime("revoked_at");
                        partners.add(new PartnerView(row.getUUID("id"), row.getString("name"),
                                row.getUUID("organisation_id"),
                                Arrays.stream(row.getArrayOfStrings("scopes")).sorted().toList(),
                                row.getOffsetDateTime("created_at").toInstant(), revokedAt != null,
                                revokedAt == null ? null : revokedAt.toInstant()));
                    });
                    return partners;
                });
    }

    private static Partner partner(Row row) {
        return new Partner(row.getUUID("id"), row.getString("name"), row.getUUID("organisation_id"),
                Set.of(row.getArrayOfStrings("scopes")));
    }

    static byte[] hash(String apiKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

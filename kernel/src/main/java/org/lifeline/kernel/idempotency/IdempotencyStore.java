package org.lifeline.kernel.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

import java.util.Optional;

/** (caller, key) → the request hash and the response, stored in the transaction of the command's events. */
public final class IdempotencyStore {

    /** A response remembered for a key, and the hash of the request that produced it. */
    public record Remembered(String requestHash, StoredResponse response) {
    }

    public Uni<Optional<Remembered>> find(SqlClient client, String caller, String key) {
        return client.preparedQuery("SELECT request_hash, response_status, response_body FROM idempotency_keys"
                        + " WHERE caller = $1 AND idempotency_key = $2")
                .execute(Tuple.of(caller, key))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Remembered(row.getString("request_hash"),
                            new StoredResponse(row.getInteger("response_status"), row.getString("response_body"))));
                });
    }

    public Uni<Void> save(SqlClient tx, IdempotentRequest request, StoredResponse response) {
        return tx.preparedQuery("INSERT INTO idempotency_keys (caller, idempotency_key, request_hash, response_status,"
                        + " response_body) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(request.caller(), request.key(), request.requestHash(), response.status(),
                        response.body()))
                .replaceWithVoid();
    }

    /** True when a failed save lost a race against the same key. */
    public static boolean isKeyTaken(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "idempotency_keys_pkey".equals(pg.getConstraint());
    }
}

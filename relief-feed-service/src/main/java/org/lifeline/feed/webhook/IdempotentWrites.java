package org.lifeline.feed.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.kernel.idempotency.IdempotencyConflict;
import org.lifeline.kernel.idempotency.IdempotencyStore;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.kernel.idempotency.StoredResponse;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for the feed's few writes, on the kernel's {@code idempotency_keys} table: the same key
 * and request from the same caller answers as the first time and changes nothing; the same key with another
 * request is a 409. (The kernel's CommandExecutor also signals outbox relays, which the feed does not have.)
 */
@ApplicationScoped
public class IdempotentWrites {

    /** The response, and whether it is a replay of an earlier one. */
    public record Outcome(StoredResponse response, boolean replayed) {
    }

    private final Pool pool;
    private final IdempotencyStore store = new IdempotencyStore();

    IdempotentWrites(Pool pool) {
        this.pool = pool;
    }

    /**
     * Answers a remembered request as before; otherwise runs {@code check} (work outside the transaction, such as
     * resolving a host), then {@code work} in a transaction that also remembers its response.
     *
     * @param request the request and its key, or null when it carried no key
     */
    public Uni<Outcome> run(IdempotentRequest request, Supplier<Uni<Void>> check,
                            Function<SqlConnection, Uni<StoredResponse>> work) {
        return remembered(request).flatMap(replay -> replay != null ? Uni.createFrom().item(replay)
                : check.get().flatMap(ignored -> pool.withTransaction(tx -> work.apply(tx)
                                .call(response -> request == null ? Uni.createFrom().voidItem()
                                        : store.save(tx, request, response))))
                        .map(response -> new Outcome(response, false))
                        .onFailure(IdempotencyStore::isKeyTaken)
                        // A concurrent request with the same key committed first: answer as it did.
                        .recoverWithUni(() -> remembered(request)));
    }

    private Uni<Outcome> remembered(IdempotentRequest request) {
        if (request == null) {
            return Uni.createFrom().nullItem();
        }
        return store.find(pool, request.caller(), request.key()).map(found -> {
            if (found.isEmpty()) {
                return null;
            }
            if (!found.get().requestHash().equals(request.requestHash())) {
                throw new IdempotencyConflict(request.key());
            }
            return new Outcome(found.get().response(), true);
        });
    }
}

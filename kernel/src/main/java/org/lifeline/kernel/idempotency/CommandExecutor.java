package org.lifeline.kernel.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.lifeline.kernel.eventstore.ConcurrencyConflict;
import org.lifeline.kernel.outbox.OutboxSignal;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a command's work (load, decide, append) in one transaction together with its idempotency
 * record. A request whose key was seen before gets the first response and changes nothing; the same
 * key with another request fails with {@link IdempotencyConflict}. Work that loses a race on a
 * stream version ({@link ConcurrencyConflict}) runs again from the start, up to a bound. After each
 * commit the relays are signalled (in a service that has an outbox).
 */
public final class CommandExecutor {

    /** The response, and whether it is a replay of an earlier one. */
    public record Outcome(StoredResponse response, boolean replayed) {
    }

    private final Pool pool;
    private final IdempotencyStore store;
    private final OutboxSignal signal;
    private final int maxAttempts;

    /** @param signal the relays to wake after each commit, or null in a service without an outbox */
    public CommandExecutor(Pool pool, IdempotencyStore store, OutboxSignal signal, int maxAttempts) {
        this.pool = pool;
        this.store = store;
        this.signal = signal;
        this.maxAttempts = maxAttempts;
    }

    /** @param request the idempotency key of the request, or null when it carried none */
    public Uni<Outcome> execute(IdempotentRequest request, Function<SqlConnection, Uni<StoredResponse>> work) {
        return attempt(request, work, 1);
    }

    /**
     * As {@link #execute(IdempotentRequest, Function)}, with {@code check} run first, outside the transaction
     * (work such as resolving a host name), unless the request is a replay, which answers as before.
     */
    public Uni<Outcome> execute(IdempotentRequest request, Supplier<Uni<Void>> check,
                                Function<SqlConnection, Uni<StoredResponse>> work) {
        return remembered(request).flatMap(replay -> replay != null
                ? Uni.createFrom().item(replay)
                : check.get().flatMap(checked -> attempt(request, work, 1)));
    }

    private Uni<Outcome> attempt(IdempotentRequest request, Function<SqlConnection, Uni<StoredResponse>> work,
                                 int attempt) {
        Uni<Outcome> run = remembered(request).flatMap(replay -> replay != null
                ? Uni.createFrom().item(replay)
                : pool.withTransaction(tx -> work.apply(tx).call(response -> request == null
                        ? Uni.createFrom().voidItem()
                        : store.save(tx, request, response)))
                .invoke(() -> {
                    if (signal != null) {
                        signal.poke();
                    }
                })
                .map(response -> new Outcome(response, false)));
        return run.onFailure().recoverWithUni(failure -> {
            if (failure instanceof ConcurrencyConflict && attempt < maxAttempts) {
                return attempt(request, work, attempt + 1);
            }
            if (IdempotencyStore.isKeyTaken(failure)) {
                // A concurrent request with the same key committed first: answer as it did.
                return remembered(request);
            }
            return Uni.createFrom().failure(failure);
        });
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

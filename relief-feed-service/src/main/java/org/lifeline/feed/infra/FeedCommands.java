package org.lifeline.feed.infra;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotencyStore;

/**
 * The kernel's command executor for the feed's few writes (webhook subscriptions): {@code Idempotency-Key} on the
 * kernel's {@code idempotency_keys} table. The feed has no event store, so no outbox to signal and no stream races.
 */
public class FeedCommands {

    @Produces
    @Singleton
    CommandExecutor commandExecutor(Pool pool) {
        return new CommandExecutor(pool, new IdempotencyStore(), null, 1);
    }
}

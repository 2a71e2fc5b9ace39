package org.lifeline.donations.infra;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotencyStore;
import org.lifeline.kernel.outbox.OutboxSignal;

/**
 * The command executor of every donations-service command, in place of service-support's shared one
 * (10 attempts). Commands here race on hot streams: a need's ledger under a burst of pledges and offer
 * acceptances, a match pool under a burst of donations. A lost race costs an immediate new decision on
 * the newer stream, and since each loss means one more command committed meanwhile, the
 * {@code lifeline.donations.command-attempts} (100) bound how many simultaneous commands on one stream
 * are all answered without a spurious 409 concurrent-change. The database makes the losers wait for the
 * winner's commit (the row or the stream version they both write), so retrying at once does not spin.
 */
public class CommandAttempts {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    CommandExecutor commandExecutor(Pool pool, IdempotencyStore idempotencyStore, OutboxSignal signal,
                                    PledgesConfig config) {
        return new CommandExecutor(pool, idempotencyStore, signal, config.commandAttempts());
    }
}

package org.lifeline.donations.offer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.lifeline.donations.domain.offer.NeedCandidate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The needs open for pledges, with what is still outstanding (requested − reserved on the ledger), as
 * the matcher ranks them. For an APPROXIMATE site, the rounded point the public sees.
 */
public interface OpenNeeds {

    /** Every need open for pledges with something outstanding: what the matcher's index is built from. */
    Uni<List<NeedCandidate>> all();

    /**
     * The need when it is open, with what is outstanding (which may be nothing: the ledger then refuses a
     * pledge with its outstanding quantity), read through {@code client} (the command's transaction).
     */
    Uni<Optional<NeedCandidate>> find(SqlClient client, UUID needId);

    /** The need when it is open, with what is outstanding, as committed. */
    Uni<Optional<NeedCandidate>> find(UUID needId);
}

package org.lifeline.donations.money;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.contracts.ContractJson;
import org.lifeline.donations.domain.money.MatchPool;
import org.lifeline.donations.domain.money.MatchPoolEvent;
import org.lifeline.donations.domain.money.MatchPools;
import org.lifeline.kernel.eventstore.EventCodec;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.lifeline.kernel.eventstore.Upcasters;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Match pool streams (type {@code match-pool}, id = pool id) read and appended on the command's transaction,
 * with the {@code match_pools} read model written alongside.
 */
@ApplicationScoped
public class MatchPoolStore {

    public static final String STREAM_TYPE = "match-pool";

    /** A pool as loaded: its state, stream version and when it was opened (null before). */
    public record Loaded(MatchPool pool, long version, Instant openedAt) { }

    private final MatchPools decider = new MatchPools();
    // Stored by the contract's JSON rules: what is stored is what Kafka carries.
    private final EventCodec<MatchPoolEvent> codec =
            EventCodec.forSealed(ContractJson.mapper(), new Upcasters(), MatchPoolEvent.class);
    private final EventStore store;
    private final MatchPoolReadModel readModel;

    public MatchPoolStore(EventStore store, MatchPoolReadModel readModel) {
        this.store = store;
        this.readModel = readModel;
    }

    public MatchPools decider() {
        return decider;
    }

    public Uni<Loaded> load(SqlClient tx, UUID matchPoolId) {
        return store.load(tx, STREAM_TYPE, matchPoolId.toString()).map(this::replay);
    }

    /** Appends the events at the loaded version (a ConcurrencyConflict when the pool moved on) and saves the read model. */
    public Uni<Loaded> append(SqlClient tx, UUID matchPoolId, Loaded loaded, List<MatchPoolEvent> events,
                              EventMetadata metadata) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(loaded);
        }
        MatchPool after = decider.replay(loaded.pool(), events);
        Instant now = metadata.occurredAt();
        Instant openedAt = loaded.openedAt() == null ? now : loaded.openedAt();
        List<NewEvent> encoded = events.stream().map(event -> codec.encode(event, metadata)).toList();
        return store.append(tx, matchPoolId.toString(), STREAM_TYPE, loaded.version(), encoded)
                .map(recorded -> new Loaded(after, recorded.getLast().version(), openedAt))
                .call(appended -> readModel.save(tx, after, appended.version(), now));
    }

    private Loaded replay(List<RecordedEvent> recorded) {
        MatchPool pool = decider.replay(decider.initialState(), codec.decodeAll(recorded));
        if (recorded.isEmpty()) {
            return new Loaded(pool, EventStore.NO_STREAM, null);
        }
        RecordedEvent first = recorded.getFirst();
        return new Loaded(pool, recorded.getLast().version(), first.metadata().occurredAt());
    }
}

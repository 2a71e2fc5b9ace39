package org.lifeline.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lifeline.kernel.eventstore.EventCodec;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.eventstore.Publication;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.lifeline.kernel.eventstore.Upcasters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpcastingTest {

    sealed interface SiteEvent permits SiteNamed, SiteMoved {
    }

    /** v1 stored {@code {"site": "Dujiangyan school"}}; v2 renamed it to name; v3 added privacy. */
    record SiteNamed(String name, String privacy) implements SiteEvent {
    }

    record SiteMoved(double lat, double lon) implements SiteEvent {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final Upcasters UPCASTERS = new Upcasters()
            .register("SiteNamed", 1, v1 -> {
                ObjectNode v2 = JSON.createObjectNode();
                v2.set("name", v1.get("site"));
                return v2;
            })
            .register("SiteNamed", 2, v2 -> v2.put("privacy", "EXACT"));
    static final EventCodec<SiteEvent> CODEC = EventCodec.forSealed(JSON, UPCASTERS, SiteEvent.class);

    static KernelDatabase db;
    static EventStore store;

    @BeforeAll
    static void setUp() {
        db = new KernelDatabase("kernel_upcasting");
        store = new EventStore(db.pool, "/kernel-test", Publication.none());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void a_stored_v1_payload_loads_as_the_current_record() {
        String stream = "site-" + UUID.randomUUID();
        NewEvent storedLongAgo = new NewEvent(UUID.randomUUID(), "SiteNamed", 1,
                "{\"site\": \"Dujiangyan school\"}", EventMetadata.of("coordinator", Instant.now()));
        NewEvent current = CODEC.encode(new SiteMoved(31.0, 103.6), EventMetadata.of("coordinator", Instant.now()));
        db.pool.withTransaction(tx -> store.append(tx, stream, "site", EventStore.NO_STREAM,
                List.of(storedLongAgo, current))).await().indefinitely();

        List<RecordedEvent> stored = store.load(stream).await().indefinitely();
        assertThat(stored.getFirst().schemaVersion()).isEqualTo(1);
        assertThat(CODEC.decodeAll(stored))
                .containsExactly(new SiteNamed("Dujiangyan school", "EXACT"), new SiteMoved(31.0, 103.6));
    }

    @Test
    void new_events_are_written_at_the_current_schema_version() {
        NewEvent event = CODEC.encode(new SiteNamed("Beichuan", "APPROXIMATE"), EventMetadata.of("c", Instant.now()));
        assertThat(event.type()).isEqualTo("SiteNamed");
        assertThat(event.schemaVersion()).isEqualTo(3);
        assertThat(UPCASTERS.currentVersion("SiteMoved")).isEqualTo(1);
    }

    @Test
    void upcasters_must_be_registered_in_order_and_newer_payloads_are_refused() {
        assertThatThrownBy(() -> new Upcasters().register("SiteNamed", 2, node -> node))
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> UPCASTERS.upcast("SiteNamed", 4, JSON.createObjectNode()))
                .hasMessageContaining("newer than this code");
    }
}

package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The organisations coordinators act for. */
@ApplicationScoped
public class Organisations {

    /** An organisation: its id is what tokens carry in {@code orgs}. */
    public record Organisation(UUID id, String name) { }

    private final Pool pool;

    Organisations(Pool pool) {
        this.pool = pool;
    }

    public Uni<Organisation> create(String name) {
        return create(pool, name);
    }

    /** As {@link #create(String)}, in the caller's transaction. */
    public Uni<Organisation> create(SqlClient client, String name) {
        UUID id = UUID.randomUUID();
        return client.preparedQuery("INSERT INTO organisations (id, name) VALUES ($1, $2)")
                .execute(Tuple.of(id, name))
                .replaceWith(new Organisation(id, name));
    }
}

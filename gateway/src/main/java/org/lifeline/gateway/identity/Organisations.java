package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.lifeline.support.PagePosition;

/** The organisations coordinators act for. */
@ApplicationScoped
public class Organisations {

    /** An organisation: its id is what tokens carry in {@code orgs}. */
    public record Organisation(UUID id, String name) { }

    /** An organisation as the API lists it. */
    public record OrganisationView(UUID id, String name, Instant createdAt) { }

    /** A coordinator of an organisation, as an admin sees it: never a password or its hash. */
    public record CoordinatorView(UUID accountId, String email, String displayName, Instant grantedAt) { }

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

    /**
     * Up to {@code limit} organisations after {@code after} (null: from the newest), newest first: all of them
     * when {@code coordinator} is null, else those the account coordinates.
     */
    public Uni<List<OrganisationView>> list(UUID coordinator, PagePosition after, int limit) {
        return pool.preparedQuery("""
                        SELECT o.id, o.name, o.created_at FROM organisations o
                        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM coordinator_grants g
                                                           WHERE g.organisation_id = o.id AND g.account_id = $1))
                          AND ($2::timestamptz IS NULL OR (o.created_at, o.id) < ($2, $3::uuid))
                        ORDER BY o.created_at DESC, o.id DESC LIMIT $4""")
                .execute(Tuple.tuple(Arrays.asList(coordinator, time(after), after == null ? null : after.id(), limit)))
                .map(rows -> all(rows, Organisations::organisation));
    }

    public Uni<Optional<OrganisationView>> find(UUID id) {
        return pool.preparedQuery("SELECT id, name, created_at FROM organisations WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(organisation(rows.iterator().next())));
    }

    /** Whether the account coordinates the organisation (whatever the token it holds says). */
    public Uni<Boolean> coordinates(UUID accountId, UUID organisationId) {
        return pool.preparedQuery("SELECT 1 FROM coordinator_grants WHERE account_id = $1 AND organisation_id = $2")
                .execute(Tuple.of(accountId, organisationId))
                .map(rows -> rows.size() > 0);
    }

    /** Up to {@code limit} coordinators of the organisation after {@code after}, the latest granted first. */
    public Uni<List<CoordinatorView>> coordinators(UUID organisationId, PagePosition after, int limit) {
        return pool.preparedQuery("""
                        SELECT a.id, a.email, a.display_name, g.granted_at
                        FROM coordinator_grants g JOIN accounts a ON a.id = g.account_id
                        WHERE g.organisation_id = $1
                          AND ($2::timestamptz IS NULL OR (g.granted_at, a.id) < ($2, $3::uuid))
                        ORDER BY g.granted_at DESC, a.id DESC LIMIT $4""")
                .execute(Tuple.tuple(Arrays.asList(organisationId, time(after), after == null ? null : after.id(),
                        limit)))
                .map(rows -> all(rows, row -> new CoordinatorView(row.getUUID("id"), row.getString("email"),
                        row.getString("display_name"), row.getOffsetDateTime("granted_at").toInstant())));
    }

    private static OrganisationView organisation(Row row) {
        return new OrganisationView(row.getUUID("id"), row.getString("name"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> read) {
        List<T> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(read.apply(row)));
        return items;
    }

    private static OffsetDateTime time(PagePosition after) {
        return after == null ? null : after.at().atOffset(ZoneOffset.UTC);
    }
}

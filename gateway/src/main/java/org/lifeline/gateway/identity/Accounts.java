package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lifeline.support.ProblemException;
import org.lifeline.support.Roles;

/** The gateway's accounts, their roles and their coordinator grants, in its own PostgreSQL database. */
@ApplicationScoped
public class Accounts {

    /** An account's id and password hash, for checking a password; never leaves this package. */
    record Credentials(UUID accountId, String passwordHash) { }

    private static final String SELECT_ACCOUNT = """
            SELECT a.id, a.email, a.display_name,
                   coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM account_roles r
                             WHERE r.account_id = a.id), '{}'::text[]) AS roles,
                   coalesce((SELECT array_agg(g.organisation_id ORDER BY g.organisation_id) FROM coordinator_grants g
                             WHERE g.account_id = a.id), '{}'::uuid[]) AS organisations
            FROM accounts a
            """;

    private final Pool pool;

    Accounts(Pool pool) {
        this.pool = pool;
    }

    /**
     * Creates a donor account in the caller's transaction; empty when an account with the email exists in any
     * case. The transaction stays usable either way.
     */
    public Uni<Optional<Account>> register(SqlClient connection, String email, String displayName,
            String passwordHash) {
        UUID id = UUID.randomUUID();
        return connection.preparedQuery("""
                        INSERT INTO accounts (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)
                        ON CONFLICT ((lower(email))) DO NOTHING""")
                .execute(Tuple.of(id, email, displayName, passwordHash))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<Account>empty())
                        : addRoles(connection, id, List.of(Roles.DONOR)).replaceWith(Optional.of(
                                new Account(id, email, displayName, Set.of(Roles.DONOR), Set.of()))));
    }

    /**
     * Keeps the password hash of a registration answered as if new although the email was taken, so that a
     * replay of it is checked as a real registration's is ({@code registration_decoys}).
     */
    Uni<Void> rememberDecoy(SqlClient connection, UUID decoyId, String passwordHash) {
        return connection.preparedQuery("INSERT INTO registration_decoys (id, password_hash) VALUES ($1, $2)")
                .execute(Tuple.of(decoyId, passwordHash))
                .replaceWithVoid();
    }

    /** The password hash behind a registration's answer: its account's, or its decoy's. */
    Uni<Optional<String>> registeredPasswordHash(UUID id) {
        return pool.preparedQuery("""
                        SELECT password_hash FROM accounts WHERE id = $1
                        UNION ALL SELECT password_hash FROM registration_decoys WHERE id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("password_hash")));
    }

    /** Creates the account with these roles unless one with the email exists; true when it was created. */
    public Uni<Boolean> createIfAbsent(String email, String displayName, String passwordHash, List<String> roles) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO accounts (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)
                        ON CONFLICT ((lower(email))) DO NOTHING""")
                .execute(Tuple.of(id, email, displayName, passwordHash))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : addRoles(connection, id, roles).replaceWith(true)));
    }

    /** The id and password hash of the account with this email, in any case. */
    Uni<Optional<Credentials>> credentials(String email) {
        return pool.preparedQuery("SELECT id, password_hash FROM accounts WHERE lower(email) = lower($1)")
                .execute(Tuple.of(email))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(
                        new Credentials(rows.iterator().next().getUUID("id"),
                                rows.iterator().next().getString("password_hash"))));
    }

    public Uni<Optional<Account>> find(UUID id) {
        return find(pool, id);
    }

    private static Uni<Optional<Account>> find(SqlClient client, UUID id) {
        return client.preparedQuery(SELECT_ACCOUNT + " WHERE a.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
    }

    /**
     * Makes the account with this email a coordinator of the organisation (again: no change); unknown
     * organisation or email gives a 404 problem. Its next token carries the role and the organisation.
     */
    public Uni<Account> grantCoordinator(UUID organisationId, String email) {
        return pool.withTransaction(connection -> grantCoordinator(connection, organisationId, email));
    }

    /** As {@link #grantCoordinator(UUID, String)}, in the caller's transaction. */
    public Uni<Account> grantCoordinator(SqlClient connection, UUID organisationId, String email) {
        return connection
                .preparedQuery("SELECT 1 FROM organisations WHERE id = $1").execute(Tuple.of(organisationId))
                .chain(organisation -> {
                    if (organisation.size() == 0) {
                        throw new ProblemException(404, "Unknown organisation",
                                "No organisation has id " + organisationId + ".");
                    }
                    return connection.preparedQuery("SELECT id FROM accounts WHERE lower(email) = lower($1)")
                            .execute(Tuple.of(email));
                })
                .chain(account -> {
                    if (account.size() == 0) {
                        throw new ProblemException(404, "Unknown account", "No account has this email.");
                    }
                    UUID accountId = account.iterator().next().getUUID("id");
                    return connection.preparedQuery("""
                                    INSERT INTO coordinator_grants (account_id, organisation_id) VALUES ($1, $2)
                                    ON CONFLICT DO NOTHING""")
                            .execute(Tuple.of(accountId, organisationId))
                            .chain(() -> addRoles(connection, accountId, List.of(Roles.COORDINATOR)))
                            .replaceWith(accountId);
                })
                .chain(accountId -> find(connection, accountId))
                .map(Optional::orElseThrow);
    }

    private static Uni<Void> addRoles(SqlClient connection, UUID id, List<String> roles) {
        return connection.preparedQuery("""
                        INSERT INTO account_roles (account_id, role) SELECT $1, unnest($2::text[])
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(id, roles.toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static Account account(Row row) {
        return new Account(row.getUUID("id"), row.getString("email"), row.getString("display_name"),
                Set.of(row.getArrayOfStrings("roles")), Set.copyOf(Arrays.asList(row.getArrayOfUUIDs("organisations"))));
    }
}

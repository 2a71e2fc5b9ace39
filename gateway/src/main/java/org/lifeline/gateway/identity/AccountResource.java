package org.lifeline.gateway.identity;

import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.lifeline.support.Caller;
import org.lifeline.support.ProblemException;
import org.lifeline.support.Roles;

/** An account, for itself or an admin: where registration's {@code Location} points. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final Accounts accounts;
    private final Caller caller;

    AccountResource(Accounts accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public Uni<AccountResponse> account(@PathParam("id") UUID id) {
        if (!id.equals(caller.accountId()) && !caller.hasRole(Roles.ADMIN)) {
            throw new ForbiddenException();
        }
        return accounts.find(id).map(account -> account.map(AccountResponse::of).orElseThrow(
                () -> new ProblemException(404, "Unknown account", "No account has id " + id + ".")));
    }
}

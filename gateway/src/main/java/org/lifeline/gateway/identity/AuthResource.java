package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.ProblemException;

/** Registration and access tokens. */
@Path("/api/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final String REGISTER_PATH = "/api/v1/auth/register";
    static final String EMAIL_PATTERN = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    /** A new donor's account. Its toString never shows the password. */
    public record RegisterRequest(
            @NotNull @Size(max = 254) @Email(regexp = EMAIL_PATTERN) String email,
            @NotNull @Size(min = 10, max = 200) String password,
            @NotBlank @Size(min = 1, max = 100) String displayName) {

        @Override
        public String toString() {
            return "RegisterRequest[email=" + email + ", displayName=" + displayName + "]";
        }
    }

    /** Credentials for a token. Its toString never shows the password. */
    public record TokenRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {

        @Override
        public String toString() {
            return "TokenRequest[email=" + email + "]";
        }
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn) { }

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;

    private final Idempotency idempotency;

    AuthResource(Accounts accounts, PasswordHasher hasher, TokenIssuer issuer, Idempotency idempotency) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.issuer = issuer;
        this.idempotency = idempotency;
    }

    /**
     * Registers a donor. With an {@code Idempotency-Key}, the same key and body answer the first response again
     * (with its {@code Location}); the request hash leaves the password out (only its Argon2 hash is ever kept),
     * so a replay also checks the password against the account's hash, and another password is a 409.
     */
    @POST
    @Path("/register")
    public Uni<Response> register(@Valid @NotNull RegisterRequest request,
            @Context HttpServerRequest http) {
        String email = request.email().strip();
        Idempotency.SameRequest samePassword = remembered -> accounts.credentials(email)
                .chain(credentials -> credentials.isPresent() && credentials.get().accountId().toString()
                        .equals(idempotency.field(remembered.body(), "id"))
                        ? hasher.matches(request.password(), credentials.get().passwordHash())
                        : Uni.createFrom().item(false));
        return idempotency.request(http.getHeader(Idempotency.HEADER), "POST", REGISTER_PATH, request.email(), request.displayName())
                .flatMap(idempotent -> idempotency.execute(idempotent, samePassword,
                        hasher.hash(request.password()),
                        (tx, hash) -> accounts.register(tx, email, request.displayName().strip(), hash)
                                .map(account -> Idempotency.Fresh.of(new StoredResponse(201,
                                        idempotency.json(AccountResponse.of(account)))))))
                .map(outcome -> outcome.toResponse(
                        body -> URI.create("/api/v1/accounts/" + idempotency.field(body, "id"))));
    }

    @POST
    @Path("/token")
    public Uni<TokenResponse> token(@Valid @NotNull TokenRequest request) {
        return accounts.credentials(request.email().strip())
                .chain(credentials -> hasher
                        .matches(request.password(), credentials.map(Accounts.Credentials::passwordHash).orElse(null))
                        .chain(matches -> matches
                                ? accounts.find(credentials.orElseThrow().accountId())
                                : Uni.createFrom().item(Optional.<Account>empty())))
                .map(account -> account.orElseThrow(() -> new ProblemException(401, "Invalid credentials",
                        "The email or the password is wrong.")))
                .map(account -> new TokenResponse(issuer.accountToken(account), "Bearer",
                        issuer.accountTokenLifetime().toSeconds()));
    }
}

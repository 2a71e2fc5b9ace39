package org.lifeline.gateway.identity;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.lifeline.support.ProblemException;

/** Registration and access tokens. */
@Path("/api/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

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

    AuthResource(Accounts accounts, PasswordHasher hasher, TokenIssuer issuer) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.issuer = issuer;
    }

    @POST
    @Path("/register")
    public Uni<Response> register(@Valid @NotNull RegisterRequest request) {
        return hasher.hash(request.password())
                .chain(hash -> accounts.register(request.email().strip(), request.displayName().strip(), hash))
                .map(account -> Response.created(URI.create("/api/v1/accounts/" + account.id()))
                        .entity(AccountResponse.of(account))
                        .build());
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

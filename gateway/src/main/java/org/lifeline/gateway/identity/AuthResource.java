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
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.Problem;
import org.lifeline.support.ProblemException;
import org.lifeline.support.Roles;

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

    static final String SIGN_IN_THROTTLED = Problem.TYPE_PREFIX + "sign-in-throttled";

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final Idempotency idempotency;
    private final SignInThrottle throttle;
    private final RegistrationNotices notices;

    AuthResource(Accounts accounts, PasswordHasher hasher, TokenIssuer issuer, Idempotency idempotency,
            SignInThrottle throttle, RegistrationNotices notices) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.issuer = issuer;
        this.idempotency = idempotency;
        this.throttle = throttle;
        this.notices = notices;
    }

    /**
     * Registers a donor. An email that already has an account gets the same answer as a new one (201, a new id,
     * the same shape, after the same password hashing), and its holder a notice instead, so that registration
     * never tells whether an email is registered. With an {@code Idempotency-Key}, the same key and body answer
     * the first response again (with its {@code Location}); the request hash leaves the password out (only its
     * Argon2 hash is ever kept), so a replay also checks the password against the hash kept for that answer (the
     * account's, or the decoy's), and another password is a 409.
     */
    @POST
    @Path("/register")
    public Uni<Response> register(@Valid @NotNull RegisterRequest request,
            @Context HttpServerRequest http) {
        String email = request.email().strip();
        String displayName = request.displayName().strip();
        Idempotency.SameRequest samePassword = remembered -> accounts
                .registeredPasswordHash(UUID.fromString(idempotency.field(remembered.body(), "id")))
                .chain(hash -> hash.isPresent()
                        ? hasher.matches(request.password(), hash.get())
                        : Uni.createFrom().item(false));
        // Set when the email turned out to be taken; the notice goes out only once that answer is committed.
        AtomicBoolean taken = new AtomicBoolean();
        return idempotency.request(http.getHeader(Idempotency.HEADER), "POST", REGISTER_PATH, request.email(), request.displayName())
                .flatMap(idempotent -> idempotency.execute(idempotent, samePassword,
                        hasher.hash(request.password()),
                        (tx, hash) -> accounts.register(tx, email, displayName, hash)
                                .chain(account -> {
                                    if (account.isPresent()) {
                                        return Uni.createFrom().item(account.get());
                                    }
                                    taken.set(true);
                                    Account decoy = new Account(UUID.randomUUID(), email, displayName,
                                            Set.of(Roles.DONOR), Set.of());
                                    return idempotent == null
                                            ? Uni.createFrom().item(decoy)
                                            : accounts.rememberDecoy(tx, decoy.id(), hash).replaceWith(decoy);
                                })
                                .map(account -> Idempotency.Fresh.of(new StoredResponse(201,
                                        idempotency.json(AccountResponse.of(account)))))))
                .invoke(outcome -> {
                    if (taken.get() && !outcome.replayed()) {
                        notices.alreadyRegistered(email);
                    }
                })
                .map(outcome -> outcome.toResponse(
                        body -> URI.create("/api/v1/accounts/" + idempotency.field(body, "id"))));
    }

    /**
     * An access token for the right email and password. Failed sign-ins of an email slow its further attempts
     * ({@link SignInThrottle}): while it must wait, the answer is a 429 with {@code Retry-After} and the password
     * is not checked. A wrong password and an unknown email get the same answers.
     */
    @POST
    @Path("/token")
    public Uni<Response> token(@Valid @NotNull TokenRequest request, @Context HttpServerRequest http) {
        String email = request.email().strip();
        return throttle.attempt(email).chain(wait -> wait.isZero()
                ? signIn(email, request.password()).map(token -> Response.ok(token).build())
                : Uni.createFrom().item(throttled(wait, http.path())));
    }

    private Uni<TokenResponse> signIn(String email, String password) {
        return accounts.credentials(email)
                .chain(credentials -> hasher
                        .matches(password, credentials.map(Accounts.Credentials::passwordHash).orElse(null))
                        .chain(matches -> matches
                                ? throttle.succeeded(email).chain(() -> accounts.find(credentials.orElseThrow().accountId()))
                                : Uni.createFrom().item(Optional.<Account>empty())))
                .map(account -> account.orElseThrow(() -> new ProblemException(401, "Invalid credentials",
                        "The email or the password is wrong.")))
                .map(account -> new TokenResponse(issuer.accountToken(account), "Bearer",
                        issuer.accountTokenLifetime().toSeconds()));
    }

    private static Response throttled(Duration wait, String path) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        Problem problem = new Problem(SIGN_IN_THROTTLED, "Sign-in throttled", 429,
                "Too many failed sign-ins for this email; retry in " + seconds + " s.", path, null, null);
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", Long.toString(seconds))
                .entity(problem).build();
    }
}

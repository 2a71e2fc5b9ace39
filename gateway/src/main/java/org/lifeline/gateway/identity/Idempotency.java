package org.lifeline.gateway.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lifeline.kernel.idempotency.IdempotencyStore;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.Problem;
import org.lifeline.support.ProblemException;

/**
 * {@code Idempotency-Key} for the gateway's own writes (api.md, Conventions). The change and the response it
 * gave are written in one transaction ({@code idempotency_keys}, V102, the kernel's table and store); the same
 * key from the same caller with the same request answers that response again with {@code Idempotent-Replayed:
 * true} and changes nothing, with another request it gets a 409 problem. Only successful responses are kept.
 * A concurrent duplicate cannot change anything twice: the loser's transaction fails on the table's primary key
 * (or on a unique constraint of the change itself, such as an account's email) and it answers as the winner did.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** The caller of a request without a token (registration). */
    static final String ANONYMOUS = "anonymous";

    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,200}");

    /**
     * What a change answers: {@code stored} is remembered for replays; {@code body} is what this first
     * response carries, the same JSON unless something must never be kept (a partner's API key).
     */
    public record Fresh(StoredResponse stored, String body) {

        public static Fresh of(StoredResponse stored) {
            return new Fresh(stored, stored.body());
        }
    }

    /** A response to send: first or replayed. */
    public record Outcome(int status, String body, boolean replayed) {

        /** The JAX-RS response, with {@code Location} when {@code location} gives one for the body. */
        public Response toResponse(Function<String, URI> location) {
            Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
            URI uri = location == null ? null : location.apply(body);
            if (uri != null) {
                response.location(uri);
            }
            if (replayed) {
                response.header(REPLAYED_HEADER, "true");
            }
            return response.build();
        }
    }

    /** A further check that a replay is for the same request, for parts the hash must not cover (a password). */
    @FunctionalInterface
    public interface SameRequest {
        Uni<Boolean> test(StoredResponse remembered);
    }

    private static final SameRequest ALWAYS = remembered -> Uni.createFrom().item(true);

    private final Pool pool;
    private final ObjectMapper json;
    private final IdempotencyStore store = new IdempotencyStore();

    private final CurrentIdentityAssociation identity;

    Idempotency(Pool pool, ObjectMapper json, CurrentIdentityAssociation identity) {
        this.pool = pool;
        this.json = json;
        this.identity = identity;
    }

    /**
     * The idempotent request for this header value, or null without one; a malformed key gives a 400 problem
     * naming the field {@code Idempotency-Key}. Its caller is the token's subject, or {@code anonymous} without
     * a token; the identity is resolved (lazily) only when there is a key.
     *
     * @param parts what makes two requests the same besides method and path: the body, or parts of it
     */
    public Uni<IdempotentRequest> request(String key, String method, String path, Object... parts) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(new InvalidKey());
        }
        return identity.getDeferredIdentity().map(caller -> requestOf(key, subject(caller), method, path, parts));
    }

    private static String subject(SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous()) {
            return null;
        }
        return caller.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject()
                : caller.getPrincipal().getName();
    }

    private IdempotentRequest requestOf(String key, String caller, String method, String path, Object... parts) {
        String[] hashed = new String[parts.length + 2];
        hashed[0] = method;
        hashed[1] = path;
        for (int i = 0; i < parts.length; i++) {
            hashed[i + 2] = parts[i] instanceof String text ? text : json(parts[i]);
        }
        return new IdempotentRequest(caller == null ? ANONYMOUS : caller, key, IdempotentRequest.hash(hashed));
    }

    /** Runs the change in a transaction that also remembers its response under the key, or replays that response. */
    public Uni<Outcome> execute(IdempotentRequest request, Function<SqlConnection, Uni<Fresh>> work) {
        return execute(request, ALWAYS, Uni.createFrom().voidItem(), (tx, ignored) -> work.apply(tx));
    }

    /**
     * As {@link #execute(IdempotentRequest, Function)}, with {@code prepare} run (outside the transaction) only
     * when there is no response to replay, and {@code same} checking a replay further.
     */
    public <T> Uni<Outcome> execute(IdempotentRequest request, SameRequest same, Uni<T> prepare,
            BiFunction<SqlConnection, T, Uni<Fresh>> work) {
        return remembered(request, same).flatMap(replay -> replay != null
                        ? Uni.createFrom().item(replay)
                        : prepare.flatMap(prepared -> pool.withTransaction(tx -> work.apply(tx, prepared)
                                        .call(fresh -> request == null
                                                ? Uni.createFrom().voidItem()
                                                : store.save(tx, request, fresh.stored()))))
                                .map(fresh -> new Outcome(fresh.stored().status(), fresh.body(), false))
                                .onFailure().recoverWithUni(failure -> afterFailure(request, same, failure)));
    }

    /** Serialises a response body as the API writes it. */
    public String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads a field of a stored JSON body, such as its {@code id}. */
    public String field(String body, String name) {
        try {
            return json.readTree(body).path(name).asText(null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored response is not JSON", e);
        }
    }

    /**
     * A failed change whose key was committed meanwhile by a concurrent duplicate (the primary key, or a unique
     * constraint of the change such as the email) answers as that duplicate did; other failures stay.
     */
    private Uni<Outcome> afterFailure(IdempotentRequest request, SameRequest same, Throwable failure) {
        if (request == null) {
            return Uni.createFrom().failure(failure);
        }
        return remembered(request, same).flatMap(replay -> {
            if (replay != null) {
                return Uni.createFrom().item(replay);
            }
            if (IdempotencyStore.isKeyTaken(failure)) {
                return Uni.createFrom().failure(new IllegalStateException("Idempotency key taken but not found",
                        failure));
            }
            return Uni.createFrom().failure(failure);
        });
    }

    private Uni<Outcome> remembered(IdempotentRequest request, SameRequest same) {
        if (request == null) {
            return Uni.createFrom().nullItem();
        }
        return store.find(pool, request.caller(), request.key()).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            if (!found.get().requestHash().equals(request.requestHash())) {
                return Uni.createFrom().failure(conflict());
            }
            StoredResponse response = found.get().response();
            return same.test(response).map(isSame -> {
                if (!isSame) {
                    throw conflict();
                }
                return new Outcome(response.status(), response.body(), true);
            });
        });
    }

    private static ProblemException conflict() {
        return new ProblemException(409, "Idempotency key reused",
                "This Idempotency-Key was already used with a different request.");
    }

    /** A 400 validation problem on the header, shaped as the other invalid fields. */
    static final class InvalidKey extends ProblemException {

        private static final String MESSAGE = "must be 1 to 200 printable characters";

        InvalidKey() {
            super(400, "Invalid request", "1 field is invalid.");
        }

        @Override
        public Problem toProblem(String instance) {
            return new Problem(Problem.TYPE_PREFIX + "validation", title(), status(), getMessage(), instance,
                    List.of(new Problem.FieldError(HEADER, MESSAGE)), null);
        }
    }
}

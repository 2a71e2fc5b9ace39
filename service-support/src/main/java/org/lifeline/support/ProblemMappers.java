package org.lifeline.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.lifeline.kernel.Rejected;
import org.lifeline.kernel.eventstore.ConcurrencyConflict;
import org.lifeline.kernel.idempotency.IdempotencyConflict;

/**
 * The one exception mapping of every Lifeline service: each failure becomes an RFC 9457
 * {@code application/problem+json} response, and none carries a stack trace.
 */
public class ProblemMappers {

    static final String VALIDATION_TYPE = Problem.TYPE_PREFIX + "validation";
    static final String MALFORMED_TYPE = Problem.TYPE_PREFIX + "malformed-request";

    private static final Comparator<Problem.FieldError> BY_FIELD = Comparator
            .comparing(Problem.FieldError::field, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Problem.FieldError::message);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return respond(e.toProblem(request.path()));
    }

    /** A decider's rejection: the command is well formed but the target's state forbids it. */
    @ServerExceptionMapper
    public Response rejected(Rejected e, HttpServerRequest request) {
        return respond(new Problem(Problem.TYPE_PREFIX + e.code(), humanised(e.code()), 422, e.getMessage(),
                request.path(), null, null));
    }

    @ServerExceptionMapper
    public Response idempotencyConflict(IdempotencyConflict e, HttpServerRequest request) {
        return respond(new Problem(Problem.TYPE_PREFIX + "idempotency-key-reused", title(409), 409, e.getMessage(),
                request.path(), null, null));
    }

    /** Still losing the race on a stream's version after the command executor's retries. */
    @ServerExceptionMapper
    public Response concurrencyConflict(ConcurrencyConflict e, HttpServerRequest request) {
        return respond(new Problem(Problem.TYPE_PREFIX + "concurrent-change", title(409), 409,
                "The resource was changed concurrently; try again.", request.path(), null, null));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue)) {
            return unexpected(e, request);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(
                        FieldPaths.of(violation.getPropertyPath()), violation.getMessage()))
                .sorted(BY_FIELD)
                .toList();
        String detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
        return respond(new Problem(VALIDATION_TYPE, "Invalid request", 400, detail, request.path(), errors, null));
    }

    /** Registered for this exact type so that it wins over the Jackson extension's own mapper. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpServerRequest request) {
        // The JSON reader wraps malformed and unbindable bodies in a 400.
        if (e.getCause() instanceof StreamReadException) {
            return respond(new Problem(MALFORMED_TYPE, "Malformed request body", 400,
                    "The request body is not well-formed JSON.", request.path(), null, null));
        }
        if (e.getCause() instanceof JsonMappingException cause) {
            return unreadable(cause, request);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            Log.errorf(e, "%s %s failed with %d", request.method(), request.path(), status);
        }
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? title(status) : e.getMessage();
        Response.ResponseBuilder response = plain(status, detail, request);
        original.getHeaders().forEach((name, values) -> {
            // Keeps Allow, WWW-Authenticate, Retry-After and the like; the body is ours.
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                    && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        return plain(401, "A valid bearer token is required.", request)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return plain(403, "The caller may not do this.", request).build();
    }

    /** How long a caller should wait before retrying a request the database was out of reach for. */
    static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseOutage.caused(e)) {
            Log.warnf("%s %s: the database is unavailable (%s)", request.method(), request.path(), e.toString());
            return plain(503, "The database is unavailable; retry later.", request)
                    .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
                    .build();
        }
        // The log line carries the request id through the log format's requestId.
        Log.errorf(e, "%s %s failed", request.method(), request.path());
        return plain(500, "An unexpected error occurred. Quote request id " + RequestIdFilter.current()
                + " when reporting it.", request).build();
    }

    private Response unreadable(JsonMappingException e, HttpServerRequest request) {
        if (e instanceof InvalidDefinitionException || e.getProcessor() instanceof JsonGenerator) {
            return unexpected(e, request);
        }
        String field = FieldPaths.of(e);
        if (field == null) {
            return respond(new Problem(MALFORMED_TYPE, "Malformed request body", 400,
                    "The request body does not have the expected structure.", request.path(), null, null));
        }
        String message = e instanceof MismatchedInputException ? "has the wrong type or format" : "is invalid";
        // An unknown code (sector, urgency, kind …) says which codes there are.
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && mismatch.getTargetType().isEnum()) {
            message = "must be one of " + java.util.Arrays.stream(mismatch.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(java.util.stream.Collectors.joining(", "));
        }
        return respond(new Problem(MALFORMED_TYPE, "Malformed request body", 400,
                "Field '" + field + "' " + message + ".", request.path(),
                List.of(new Problem.FieldError(field, message)), null));
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(Path.Node::getKind)
                .anyMatch(ElementKind.RETURN_VALUE::equals);
    }

    private static Response.ResponseBuilder plain(int status, String detail, HttpServerRequest request) {
        Problem problem = new Problem(Problem.BLANK_TYPE, title(status), status, detail, request.path(), null, null);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> "HTTP " + status;
        };
    }

    /** A rejection's title from its stable code: {@code campaign-closed} → {@code Campaign closed}. */
    static String humanised(String code) {
        if (code == null || code.isBlank()) {
            return title(422);
        }
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

package org.lifeline.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;

/**
 * Writes a problem from a Vert.x handler: the checks in front of the REST layer and the failures of routes outside it,
 * which the exception mappers of {@link ProblemMappers} never see.
 */
@Singleton
public class RouteProblems {

    private final ObjectMapper json;

    RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    /** Ends the exchange with the problem; {@code closeConnection} when an unread body must not be parsed as a request. */
    void send(RoutingContext context, Problem problem, boolean closeConnection) {
        HttpServerResponse response = context.response();
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        if (!response.headers().contains(RequestIdFilter.HEADER)) {
            // The request id filter adds it when the headers are written; a failure before that filter ran has none.
            response.putHeader(RequestIdFilter.HEADER,
                    RequestIdFilter.requestId(context.request().getHeader(RequestIdFilter.HEADER)));
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DependencyOutage.RETRY_AFTER_SECONDS));
        }
        // HTTP/2 forbids a Connection header and the connection carries other streams: there the stream ends with the
        // answer and the rest of its body is dropped.
        if (closeConnection && context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            response.endHandler(ignored -> context.request().connection().close());
        }
        response.end(Buffer.buffer(body));
    }

    /** A problem of the plain HTTP status: {@code about:blank}, its reason phrase as title. */
    static Problem plain(int status, String detail, String instance) {
        return new Problem(Problem.BLANK_TYPE, ProblemMappers.title(status), status, detail, instance, null, null);
    }
}

package org.lifeline.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.lifeline.support.Problem;

/** Writes the proxy's own answers as {@code application/problem+json}, like the services' problem mappers. */
@ApplicationScoped
class ProxyProblems {

    private final ObjectMapper json;

    ProxyProblems(ObjectMapper json) {
        this.json = json;
    }

    void send(RoutingContext context, Rejection rejection) {
        send(context, rejection.status(), rejection.type(), rejection.getMessage(), rejection.headers());
    }

    void send(RoutingContext context, int status, String detail, Map<String, String> headers) {
        send(context, status, Problem.BLANK_TYPE, detail, headers);
    }

    private void send(RoutingContext context, int status, String type, String detail, Map<String, String> headers) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            // Too late for a problem: cut the exchange so the client cannot take it for complete.
            response.reset();
            return;
        }
        Problem problem = new Problem(type, title(status), status, detail,
                context.request().path(), null, null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem that cannot be written", e);
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        boolean bodyUnread = ReverseProxy.hasBody(context.request()) && !context.request().isEnded();
        if (!bodyUnread) {
            context.request().resume();
        }
        // HTTP/2 forbids a Connection header: there the stream ends with the answer and the rest of the body is dropped.
        boolean closeAfter = bodyUnread && context.request().version() != HttpVersion.HTTP_2;
        if (closeAfter) {
            // The client is still sending a body nobody reads: end the connection after the answer.
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        response.end(body).onComplete(ignored -> {
            if (closeAfter) {
                context.request().connection().close();
            }
        });
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}

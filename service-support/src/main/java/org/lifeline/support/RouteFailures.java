package org.lifeline.support;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers the failures of Vert.x routes as problems, where Quarkus would answer with an empty body: a route's
 * {@code fail(status)}, and an exception thrown outside the REST layer (whose own exceptions {@link ProblemMappers}
 * maps), a dependency that is down included. Authentication failures are left to Quarkus, which sends the challenge.
 */
@Singleton
public class RouteFailures {

    private final RouteProblems problems;

    RouteFailures(RouteProblems problems) {
        this.problems = problems;
    }

    void register(@Observes Router router) {
        // Ahead of Quarkus' own failure handler, which ends the response with the status alone.
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().headWritten() || failure instanceof SecurityException
                || failure instanceof AuthenticationException) {
            context.next();
            return;
        }
        String path = context.request().path();
        if (failure == null || failure instanceof HttpException) {
            int status = context.statusCode() < 400 ? 500 : context.statusCode();
            problems.send(context, RouteProblems.plain(status, ProblemMappers.title(status), path), false);
        } else if (DependencyOutage.causedBy(failure)) {
            Log.warnf("%s %s: a dependency is unavailable: %s", context.request().method(), path, failure.toString());
            problems.send(context, ProblemMappers.unavailable(path), false);
        } else {
            Log.errorf(failure, "%s %s failed", context.request().method(), path);
            problems.send(context, RouteProblems.plain(500, ProblemMappers.unexpectedDetail(), path), false);
        }
    }
}

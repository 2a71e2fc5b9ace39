package org.lifeline.support.eventsourcing;

import io.quarkus.arc.All;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.kernel.consumer.Projection;
import org.lifeline.kernel.consumer.ProjectionRunner;
import org.lifeline.kernel.consumer.ProjectionStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * Feeds every {@link Projection} bean of a service from Kafka while the service runs
 * ({@code lifeline.projections.enabled=true} at build time).
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "lifeline.projections.enabled", stringValue = "true")
public class ProjectionRunners {

    private final Map<String, ProjectionRunner> runners = new LinkedHashMap<>();

    ProjectionRunners(@All List<Projection> projections, Pool pool, KernelConnections connections) {
        ProjectionStore store = new ProjectionStore(pool);
        for (Projection projection : projections) {
            runners.put(projection.name(), new ProjectionRunner(projection, store, connections.kafka(),
                    ProjectionRunner.Settings.defaults()));
        }
    }

    @PostConstruct
    void start() {
        runners.values().forEach(ProjectionRunner::start);
        Log.infof("projections started: %s", runners.keySet());
    }

    @PreDestroy
    void stop() {
        runners.values().forEach(ProjectionRunner::close);
    }

    public Map<String, ProjectionRunner> runners() {
        return Map.copyOf(runners);
    }

    /** Empties the named projection and replays its topics from the start. */
    public CompletableFuture<Void> rebuild(String name) {
        ProjectionRunner runner = runners.get(name);
        if (runner == null) {
            throw new NoSuchElementException("no projection named " + name);
        }
        return runner.rebuild();
    }
}

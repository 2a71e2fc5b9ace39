package org.lifeline.support;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the service's reactive PostgreSQL pool as Quarkus configures it, with the bounds of
 * {@code lifeline.database.*}: Quarkus has no setting for the connect timeout or for the wait for a free connection,
 * and without them a request to a database that does not answer would wait a minute instead of getting its 503.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final LifelineConfig.Database config;

    DatabasePool(LifelineConfig config) {
        this.config = config.database();
    }

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = List.copyOf(input.pgConnectOptionsList());
        servers.forEach(server -> server.setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis())));
        PoolOptions pool = input.poolOptions()
                .setConnectionTimeout(Math.toIntExact(config.acquireTimeout().toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgBuilder.pool().with(pool).connectingTo(servers).using(input.vertx()).build();
    }
}

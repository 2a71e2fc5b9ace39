package org.lifeline.kernel;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.lifeline.kernel.outbox.OutboxSignal;
import org.lifeline.testing.TestInfra;

/** A fresh, migrated database on the shared test PostgreSQL, with a reactive pool on it. */
public final class KernelDatabase implements AutoCloseable {

    public final Vertx vertx = Vertx.vertx();
    public final PgConnectOptions options;
    public final Pool pool;
    public final OutboxSignal signal;

    public KernelDatabase(String name) {
        var postgres = TestInfra.postgres();
        postgres.createDatabase(name);
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(name), postgres.username(), postgres.password())
                .locations("classpath:db/kernel")
                .load()
                .migrate();
        options = PgConnectOptions.fromUri(postgres.reactiveUrl(name))
                .setUser(postgres.username())
                .setPassword(postgres.password())
                .setCachePreparedStatements(true);
        pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(16))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
        signal = new OutboxSignal(vertx, options);
    }

    /** Runs a statement and answers the first column of the first row as a long. */
    public long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    @Override
    public void close() {
        signal.close();
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }
}

package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.TestInfra;
import org.lifeline.testing.TestPostgres;

/** The failures a real PostgreSQL and the reactive client produce, told apart: an outage (503) or a bug (500). */
class DependencyOutageTest {

    private static final String DATABASE = "outage_check";
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        TestInfra.postgres().createDatabase(DATABASE);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void a_refused_connection_is_an_outage() throws Exception {
        PgConnectOptions nowhere = options().setPort(closedPort()).setConnectTimeout(5_000);
        Pool pool = PgBuilder.pool().connectingTo(nowhere).using(vertx).build();
        try {
            Throwable failure = failureOf(pool.query("SELECT 1").execute());

            assertThat(DependencyOutage.causedBy(failure)).as("%s", failure).isTrue();
        } finally {
            pool.close();
        }
    }

    @Test
    void a_session_ended_by_the_server_is_an_outage() throws Exception {
        Pool pool = pool();
        try {
            SqlConnection victim = await(pool.getConnection());
            int pid = await(victim.query("SELECT pg_backend_pid()").execute()).iterator().next().getInteger(0);
            // What a fast shutdown of the server does to every session.
            await(pool.preparedQuery("SELECT pg_terminate_backend($1)").execute(io.vertx.sqlclient.Tuple.of(pid)));

            Throwable failure = failureOf(victim.query("SELECT 1").execute());

            assertThat(DependencyOutage.causedBy(failure)).as("%s", failure).isTrue();
        } finally {
            pool.close();
        }
    }

    @Test
    void a_bad_statement_is_not_an_outage() throws Exception {
        Pool pool = pool();
        try {
            Throwable syntax = failureOf(pool.query("SELEC 1").execute());
            Throwable arithmetic = failureOf(pool.query("SELECT 1 / 0").execute());

            assertThat(DependencyOutage.causedBy(syntax)).as("%s", syntax).isFalse();
            assertThat(DependencyOutage.causedBy(arithmetic)).as("%s", arithmetic).isFalse();
        } finally {
            pool.close();
        }
    }

    @Test
    void a_bug_is_not_an_outage_even_when_it_wraps_one_deep_down_only_if_the_cause_is_one() {
        assertThat(DependencyOutage.causedBy(new IllegalStateException("no such stream"))).isFalse();
        assertThat(DependencyOutage.causedBy(new RuntimeException("append failed",
                new java.net.ConnectException("Connection refused")))).isTrue();
    }

    private static Pool pool() {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options()).using(vertx).build();
    }

    private static PgConnectOptions options() {
        TestPostgres postgres = TestInfra.postgres();
        return new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port()).setDatabase(DATABASE)
                .setUser(postgres.username()).setPassword(postgres.password());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}

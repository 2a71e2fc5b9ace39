package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void a_refused_or_dropped_connection_is_an_outage_however_deeply_wrapped() {
        assertThat(DatabaseOutage.caused(new ConnectException("Connection refused"))).isTrue();
        assertThat(DatabaseOutage.caused(new CompletionException(ClosedConnectionException.INSTANCE))).isTrue();
    }

    @Test
    void a_server_shutting_down_or_a_connection_failure_is_an_outage() {
        assertThat(DatabaseOutage.caused(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        assertThat(DatabaseOutage.caused(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
    }

    @Test
    void any_other_failure_is_not() {
        assertThat(DatabaseOutage.caused(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(DatabaseOutage.caused(new IllegalStateException("a bug"))).isFalse();
    }
}

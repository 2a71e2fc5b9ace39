package org.lifeline.donations;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.lifeline.testing.TestTokens;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the service's HTTP tests share: an organisation, donors, coordinators and an admin, requests and SQL looks. */
public abstract class DonationsTestBase {

    protected static final String PROBLEM = "application/problem+json";

    @Inject
    protected Pool pool;

    protected final UUID org = UUID.randomUUID();
    protected final UUID donorId = UUID.randomUUID();
    protected final String donor = TestTokens.donor(donorId);
    protected final String otherDonor = TestTokens.donor(UUID.randomUUID());
    protected final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);
    protected final String otherCoordinator = TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID());
    protected final String admin = TestTokens.admin(UUID.randomUUID());

    protected static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    protected static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    protected long count(String sql, Object... parameters) {
        return query(sql, parameters).iterator().next().getLong(0);
    }

    protected RowSet<Row> query(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.tuple(Arrays.asList(parameters)))
                .await().atMost(Duration.ofSeconds(10));
    }

    /** How many events of the type the stream holds. */
    protected long events(String streamId, String type) {
        return count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = $2", streamId, type);
    }
}

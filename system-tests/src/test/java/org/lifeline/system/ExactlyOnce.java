package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lifeline.launcher.ServiceSpec;

/**
 * Looks for every command a {@link SteadyLoad} had acknowledged, by the id the API answered: exactly once in
 * donations-service's event store, exactly once in the relief feed's log; and no key of any command sent
 * (acknowledged or not) recorded more than once, so that no retry doubled anything.
 */
final class ExactlyOnce {

    private static final String OPENING_EVENTS = "SELECT idempotency_key, CASE event_type WHEN 'PledgeReserved'"
            + " THEN payload->>'pledgeId' ELSE payload->>'donationId' END AS id FROM events"
            + " WHERE event_type IN ('PledgeReserved', 'DonationReceived') AND idempotency_key = ANY(?)";
    private static final String BY_ID = "SELECT CASE event_type WHEN 'PledgeReserved' THEN payload->>'pledgeId'"
            + " ELSE payload->>'donationId' END AS id FROM events"
            + " WHERE event_type IN ('PledgeReserved', 'DonationReceived')"
            + " AND COALESCE(payload->>'pledgeId', payload->>'donationId') = ANY(?)";
    private static final String IN_FEED_LOG = "SELECT subject AS id FROM feed_log"
            + " WHERE type IN ('pledge.PledgeReserved', 'donation.DonationReceived') AND subject = ANY(?)";

    private ExactlyOnce() {
    }

    /** Asserts it, waiting up to {@code catchUp} for the feed to show the last of them. */
    static void check(RunningStack stack, SteadyLoad load, Duration catchUp) {
        List<SteadyLoad.Command> acknowledged = load.acknowledged();
        List<String> ids = acknowledged.stream().map(SteadyLoad.Command::id).toList();

        Map<String, List<String>> idsByKey = rows(stack, ServiceSpec.DONATIONS, OPENING_EVENTS,
                new ArrayList<>(load.keysSent().keySet()), "idempotency_key", "id").stream()
                .collect(Collectors.groupingBy(row -> row[0], Collectors.mapping(row -> row[1], Collectors.toList())));
        assertThat(idsByKey.entrySet()).as("keys recorded more than once in the donations store")
                .filteredOn(entry -> entry.getValue().size() > 1).isEmpty();
        for (SteadyLoad.Command command : acknowledged) {
            assertThat(idsByKey.get(command.key())).as("what the store recorded for the acknowledged %s %s",
                    command.kind(), command.key()).containsExactly(command.id());
        }
        assertThat(countById(stack, ServiceSpec.DONATIONS, BY_ID, ids))
                .as("acknowledged ids in the donations store").isEqualTo(once(ids));

        Map<String, Long> inFeed = await("every acknowledged pledge and donation in the feed").atMost(catchUp)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> countById(stack, ServiceSpec.RELIEF_FEED, IN_FEED_LOG, ids),
                        counts -> counts.keySet().containsAll(ids));
        assertThat(inFeed).as("acknowledged ids in the feed log").isEqualTo(once(ids));
    }

    private static Map<String, Long> once(List<String> ids) {
        return ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L));
    }

    private static Map<String, Long> countById(RunningStack stack, ServiceSpec service, String sql, List<String> ids) {
        return rows(stack, service, sql, ids, "id").stream()
                .collect(Collectors.groupingBy(row -> row[0], Collectors.counting()));
    }

    /** The {@code columns} of the rows of {@code sql}, whose one parameter is the text array {@code values}. */
    private static List<String[]> rows(RunningStack stack, ServiceSpec service, String sql, List<String> values,
            String... columns) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:"
                + stack.layout().postgresPort() + "/" + service.database(), "postgres", "postgres");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("text", values.toArray());
            statement.setArray(1, array);
            List<String[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String[] row = new String[columns.length];
                    for (int i = 0; i < columns.length; i++) {
                        row[i] = result.getString(columns[i]);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + service.database() + ": " + e.getMessage(), e);
        }
    }
}

package org.lifeline.system;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lifeline.launcher.ServiceSpec;

/**
 * Reads the stack's databases to tell whether a request changed anything. Events name the request that
 * caused them ({@code correlation_id} is the request's {@code X-Request-Id}, also in every reaction to
 * them) and idempotency records their key, so those are looked up by request; the gateway's accounts,
 * organisations and partners and the feed's webhook subscriptions, written only by requests, are
 * compared before and after.
 */
final class StateWitness implements AutoCloseable {

    /** Tables only requests write, each as one comparable figure. */
    private static final Map<ServiceSpec, List<String>> SYNCHRONOUS = Map.of(
            ServiceSpec.GATEWAY, List.of(
                    "SELECT count(*) FROM accounts",
                    "SELECT count(*) FROM account_roles",
                    "SELECT count(*) FROM organisations",
                    "SELECT count(*) FROM coordinator_grants",
                    "SELECT count(*) || '/' || count(*) FILTER (WHERE revoked_at IS NOT NULL) FROM partners"),
            ServiceSpec.RELIEF_FEED, List.of(
                    "SELECT count(*) || '/' || coalesce(md5(string_agg(id::text || partner_id::text || url || event_types::text || secret"
                            + " || generation::text, ',' ORDER BY id)), '') FROM webhook_subscriptions"));

    private static final List<ServiceSpec> EVENT_STORES = List.of(ServiceSpec.CAMPAIGNS, ServiceSpec.DONATIONS);
    private static final List<ServiceSpec> IDEMPOTENT = List.of(
            ServiceSpec.GATEWAY, ServiceSpec.CAMPAIGNS, ServiceSpec.DONATIONS, ServiceSpec.RELIEF_FEED);

    private final Map<ServiceSpec, Connection> connections = new LinkedHashMap<>();

    StateWitness(RunningStack stack) {
        try {
            for (ServiceSpec service : ServiceSpec.ALL) {
                connections.put(service, DriverManager.getConnection("jdbc:postgresql://localhost:"
                        + stack.layout().postgresPort() + "/" + service.database(), "postgres", "postgres"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stack's databases", e);
        }
    }

    /** The figures of the request-written tables; equal snapshots mean none of them changed. */
    Map<String, String> snapshot() {
        Map<String, String> figures = new LinkedHashMap<>();
        SYNCHRONOUS.forEach((service, queries) -> queries.forEach(query -> figures.put(
                service.name() + ": " + query, single(service, query))));
        return figures;
    }

    /** Events in the event stores that these requests caused, directly or by reaction. */
    long eventsCausedBy(Collection<UUID> requestIds) {
        long count = 0;
        for (ServiceSpec service : EVENT_STORES) {
            count += countAny(service, "SELECT count(*) FROM events WHERE correlation_id = ANY (?)", "uuid",
                    requestIds.toArray());
        }
        return count;
    }

    /** All events in the event stores. */
    long events() {
        long count = 0;
        for (ServiceSpec service : EVENT_STORES) {
            count += Long.parseLong(single(service, "SELECT count(*) FROM events"));
        }
        return count;
    }

    /** Idempotency records kept under these keys, in any service. */
    long idempotencyRecords(Collection<String> keys) {
        long count = 0;
        String[] values = keys.toArray(String[]::new);
        for (ServiceSpec service : IDEMPOTENT) {
            count += countAny(service, "SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ANY (?)", "text", values);
        }
        return count;
    }

    /** Runs a query of one row and one column in a service's database. */
    String single(ServiceSpec service, String query) {
        try (PreparedStatement statement = connections.get(service).prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(service.name() + ": " + query, e);
        }
    }

    /** The rows of a query in a service's database, each as its columns. */
    List<List<String>> rows(ServiceSpec service, String query) {
        try (PreparedStatement statement = connections.get(service).prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(service.name() + ": " + query, e);
        }
    }

    private long countAny(ServiceSpec service, String query, String type, Object[] values) {
        if (values.length == 0) {
            return 0;
        }
        Connection connection = connections.get(service);
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            Array array = connection.createArrayOf(type, values);
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(service.name() + ": " + query, e);
        }
    }

    @Override
    public void close() {
        connections.values().forEach(connection -> {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a connection to a stack that stops anyway
            }
        });
    }
}

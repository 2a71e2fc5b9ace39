package org.lifeline.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks that the relief feed tells the truth: compares every need's figures (requested, reserved, delivered,
 * outstanding, status) and every campaign's (status, money raised and matched per currency, donors) as folded
 * from the events of campaigns-service's and donations-service's event stores with what relief-feed-service
 * shows, checks that every pledge and donation of the donations store is in the feed exactly once, and that the
 * two stores agree on what is reserved and delivered on each need. Each difference is drift.
 *
 * <p>Events still on their way (the feed applies them a moment after they are stored) show as drift too: in a
 * running system, {@link #runUntilClean} waits for the feed to catch up. Run it against the local stack with
 * {@code deploy/local.sh reconcile}.
 */
public final class Reconciliation {

    private static final String EVENT_STORES = "event stores";
    private static final String FEED = "feed";
    private static final String DONATIONS_LEDGER = "donations' pledge ledger";
    private static final String CAMPAIGNS_NEED = "campaigns' need events";

    private final String jdbcBaseUrl;
    private final String user;
    private final String password;

    private Reconciliation(String jdbcBaseUrl, String user, String password) {
        this.jdbcBaseUrl = jdbcBaseUrl.endsWith("/") ? jdbcBaseUrl : jdbcBaseUrl + "/";
        this.user = user;
        this.password = password;
    }

    /**
     * A reconciliation of the databases {@code lifeline_campaigns}, {@code lifeline_donations} and
     * {@code lifeline_feed} on one server, such as {@code jdbc:postgresql://localhost:5432/}.
     */
    public static Reconciliation of(String jdbcBaseUrl, String user, String password) {
        return new Reconciliation(jdbcBaseUrl, user, password);
    }

    /** A reconciliation of the local stack laid out as {@code layout} (user {@code postgres}, trust on localhost). */
    public static Reconciliation of(StackLayout layout) {
        return of("jdbc:postgresql://localhost:" + layout.postgresPort() + "/", "postgres", "postgres");
    }

    /** One difference: {@code field} of a need, campaign, pledge or donation is {@code expected} by one source and {@code found} in another. */
    public record Difference(String kind, String id, String field, String expected, String found, String source,
            String seenIn) {

        @Override
        public String toString() {
            if (expected == null) {
                return "%s %s: in the %s but not in the %s".formatted(kind, id, seenIn, source);
            }
            if (found == null) {
                return "%s %s: in the %s but not in the %s".formatted(kind, id, source, seenIn);
            }
            return "%s %s: %s is %s in the %s but %s in the %s".formatted(kind, id, field, expected, source, found,
                    seenIn);
        }
    }

    /** What was checked (as counted in the event stores) and every difference found. */
    public record Report(int needs, int campaigns, int pledges, int donations, List<Difference> differences) {

        public Report {
            differences = List.copyOf(differences);
        }

        /** No drift. */
        public boolean clean() {
            return differences.isEmpty();
        }

        /** "checked 320 needs, 12 campaigns, 1,200 pledges, 800 donations: no drift", or that with one line a difference. */
        public String summary() {
            StringBuilder text = new StringBuilder("checked %s, %s, %s, %s: ".formatted(count(needs, "need"),
                    count(campaigns, "campaign"), count(pledges, "pledge"), count(donations, "donation")));
            if (clean()) {
                return text.append("no drift").toString();
            }
            text.append(count(differences.size(), "difference"));
            differences.forEach(difference -> text.append(System.lineSeparator()).append(difference));
            return text.toString();
        }

        /** The report as JSON: {@code clean}, {@code checked} counts and {@code differences}. */
        public String toJson() {
            ObjectMapper json = new ObjectMapper();
            ObjectNode report = json.createObjectNode();
            report.put("clean", clean());
            report.putObject("checked").put("needs", needs).put("campaigns", campaigns).put("pledges", pledges)
                    .put("donations", donations);
            ArrayNode list = report.putArray("differences");
            for (Difference difference : differences) {
                list.addObject().put("kind", difference.kind()).put("id", difference.id())
                        .put("field", difference.field()).put("expected", difference.expected())
                        .put("found", difference.found()).put("source", difference.source())
                        .put("seenIn", difference.seenIn()).put("text", difference.toString());
            }
            return report.toString();
        }

        @Override
        public String toString() {
            return summary();
        }

        private static String count(int number, String thing) {
            return String.format(Locale.ROOT, "%,d %s%s", number, thing, number == 1 ? "" : "s");
        }
    }

    /** Reads both event stores, then the feed (which follows them), and compares. */
    public Report run() {
        EventStoreBooks.Reading stores;
        try (Connection campaigns = open(ServiceSpec.CAMPAIGNS); Connection donations = open(ServiceSpec.DONATIONS)) {
            stores = EventStoreBooks.read(campaigns, donations);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the event stores at " + jdbcBaseUrl + ": " + e.getMessage(), e);
        }
        Books feed;
        try (Connection connection = open(ServiceSpec.RELIEF_FEED)) {
            feed = FeedBooks.read(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the feed at " + jdbcBaseUrl + ": " + e.getMessage(), e);
        }
        return compare(stores, feed);
    }

    /** Runs until a run finds no drift or {@code patience} has passed, and answers the last report. */
    public Report runUntilClean(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Report report = run();
            if (report.clean() || System.nanoTime() - deadline >= 0) {
                return report;
            }
            Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    static Report compare(EventStoreBooks.Reading stores, Books feed) {
        Books truth = stores.books();
        List<Difference> differences = new ArrayList<>();
        for (UUID id : ids(truth.needs().keySet(), feed.needs().keySet())) {
            Books.NeedFigures expected = truth.needs().get(id);
            Books.NeedFigures found = feed.needs().get(id);
            if (present(differences, "need", id, expected, found)) {
                field(differences, "need", id, "requested", expected.requested(), found.requested());
                field(differences, "need", id, "reserved", expected.reserved(), found.reserved());
                field(differences, "need", id, "delivered", expected.delivered(), found.delivered());
                field(differences, "need", id, "outstanding", expected.outstanding(), found.outstanding());
                field(differences, "need", id, "status", expected.status(), found.status());
            }
            EventStoreBooks.Counters mirror = stores.campaignsMirror().get(id);
            if (expected != null && mirror != null) {
                same(differences, "need", id, "reserved", expected.reserved(), mirror.reserved(), DONATIONS_LEDGER,
                        CAMPAIGNS_NEED);
                same(differences, "need", id, "delivered", expected.delivered(), mirror.delivered(), DONATIONS_LEDGER,
                        CAMPAIGNS_NEED);
            }
        }
        for (UUID id : ids(truth.campaigns().keySet(), feed.campaigns().keySet())) {
            Books.CampaignFigures expected = truth.campaigns().get(id);
            Books.CampaignFigures found = feed.campaigns().get(id);
            if (present(differences, "campaign", id, expected, found)) {
                field(differences, "campaign", id, "status", expected.status(), found.status());
                money(differences, id, "raised", expected.raised(), found.raised());
                money(differences, id, "matched", expected.matched(), found.matched());
                field(differences, "campaign", id, "donors", expected.donors(), found.donors());
            }
        }
        for (UUID id : ids(truth.pledges().keySet(), feed.pledges().keySet())) {
            Books.PledgeFigures expected = truth.pledges().get(id);
            Books.PledgeFigures found = feed.pledges().get(id);
            if (present(differences, "pledge", id, expected, found)) {
                field(differences, "pledge", id, "times recorded", expected.recorded(), found.recorded());
                field(differences, "pledge", id, "status", expected.status(), found.status());
                field(differences, "pledge", id, "reserved", expected.reserved(), found.reserved());
            }
        }
        for (UUID id : ids(truth.donations().keySet(), feed.donations().keySet())) {
            Integer expected = truth.donations().get(id);
            Integer found = feed.donations().get(id);
            if (present(differences, "donation", id, expected, found)) {
                field(differences, "donation", id, "times recorded", expected, found);
            }
        }
        return new Report(truth.needs().size(), truth.campaigns().size(), truth.pledges().size(),
                truth.donations().size(), differences);
    }

    private static Set<UUID> ids(Set<UUID> truth, Set<UUID> feed) {
        Set<UUID> all = new TreeSet<>(Comparator.comparing(UUID::toString));
        all.addAll(truth);
        all.addAll(feed);
        return all;
    }

    /** Whether both sides have it; otherwise records that one side lacks it. */
    private static boolean present(List<Difference> differences, String kind, UUID id, Object expected, Object found) {
        if (expected != null && found != null) {
            return true;
        }
        differences.add(new Difference(kind, id.toString(), null, expected == null ? null : "present",
                found == null ? null : "present", EVENT_STORES, FEED));
        return false;
    }

    private static void field(List<Difference> differences, String kind, UUID id, String field, Object expected,
            Object found) {
        same(differences, kind, id, field, expected, found, EVENT_STORES, FEED);
    }

    private static void same(List<Difference> differences, String kind, UUID id, String field, Object expected,
            Object found, String source, String seenIn) {
        if (!Objects.equals(expected, found)) {
            differences.add(new Difference(kind, id.toString(), field, String.valueOf(expected), String.valueOf(found),
                    source, seenIn));
        }
    }

    /** Per currency; a currency one side lacks counts as zero there. */
    private static void money(List<Difference> differences, UUID id, String field, Map<String, Long> expected,
            Map<String, Long> found) {
        for (String currency : new TreeSet<>(union(expected.keySet(), found.keySet()))) {
            field(differences, "campaign", id, field + " " + currency, expected.getOrDefault(currency, 0L),
                    found.getOrDefault(currency, 0L));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** A read-only connection in one snapshot, so each database is read as of one moment. */
    private Connection open(ServiceSpec service) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        // A database that hangs must not hang the check (seconds).
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "120");
        Connection connection = DriverManager.getConnection(jdbcBaseUrl + service.database(), properties);
        try {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    // ----- deploy/local.sh reconcile -----

    /**
     * {@code deploy/local.sh reconcile [--json] [--wait SECONDS]} against the local stack's PostgreSQL
     * ({@code LIFELINE_PG_PORT}, 5432). Exit code 0 when there is no drift, 1 when there is, 2 when it cannot run.
     */
    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        boolean asJson = false;
        Duration patience = Duration.ZERO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> asJson = true;
                case "--wait" -> {
                    Integer seconds = i + 1 < args.length ? seconds(args[i + 1]) : null;
                    if (seconds == null) {
                        err.println("reconcile: --wait needs a number of seconds");
                        return 2;
                    }
                    patience = Duration.ofSeconds(seconds);
                    i++;
                }
                case "-h", "--help" -> {
                    out.println("""
                            Usage: deploy/local.sh reconcile [--json] [--wait SECONDS]
                            Compares every need, campaign, pledge and donation in the event stores with the relief \
                            feed of the running local stack (PostgreSQL on LIFELINE_PG_PORT, 5432) and prints each \
                            difference. --wait retries for up to SECONDS while the feed catches up with events \
                            still on their way. Exit code 0: no drift; 1: drift; 2: could not check.""");
                    return 0;
                }
                default -> {
                    err.println("reconcile: unknown option '" + args[i] + "' (try --help)");
                    return 2;
                }
            }
        }
        Reconciliation reconciliation;
        try {
            reconciliation = of(StackLayout.fromEnvironment(Path.of(""), System.getenv()));
        } catch (IllegalArgumentException e) {
            err.println("reconcile: " + e.getMessage());
            return 2;
        }
        Report report;
        try {
            report = reconciliation.runUntilClean(patience);
        } catch (IllegalStateException e) {
            err.println("reconcile: " + e.getMessage() + " (is the local stack running?)");
            return 2;
        } catch (RuntimeException e) {
            // Exit code 1 means drift: whatever else stops the check is "could not check".
            err.println("reconcile: could not check: " + e);
            return 2;
        }
        out.println(asJson ? report.toJson() : report.summary());
        return report.clean() ? 0 : 1;
    }

    private static Integer seconds(String text) {
        try {
            int seconds = Integer.parseInt(text);
            return seconds >= 0 ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package org.lifeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * How the reconciliation compares the books and reports drift (a fast slice without databases; the system
 * tests run it against the whole stack).
 */
class ReconciliationCompareTest {

    private static final UUID NEED = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID CAMPAIGN = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID PLEDGE = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID DONATION = UUID.fromString("00000000-0000-0000-0000-00000000000d");

    private static final Books.NeedFigures BLANKETS = new Books.NeedFigures("blankets", 10, 6, 2, 4, "OPEN");
    private static final Books.CampaignFigures FLOOD = new Books.CampaignFigures("ACTIVE", Map.of("CNY", 700L),
            Map.of("CNY", 400L), 2);
    private static final Books.PledgeFigures PLEDGED = new Books.PledgeFigures("RESERVED", 6, 1);

    @Test
    void the_same_books_on_both_sides_are_no_drift() {
        Reconciliation.Report report = Reconciliation.compare(stores(BLANKETS, new EventStoreBooks.Counters(6, 2)),
                books(BLANKETS, FLOOD, PLEDGED, 1));

        assertThat(report.clean()).isTrue();
        assertThat(report.summary()).isEqualTo("checked 1 need, 1 campaign, 1 pledge, 1 donation: no drift");
    }

    @Test
    void each_figure_that_differs_is_one_line() {
        Reconciliation.Report report = Reconciliation.compare(stores(BLANKETS, new EventStoreBooks.Counters(6, 2)),
                books(new Books.NeedFigures("blankets", 10, 7, 2, 3, "OPEN"), FLOOD, PLEDGED, 1));

        assertThat(report.differences()).extracting(Reconciliation.Difference::toString).containsExactly(
                "need " + NEED + ": reserved is 6 in the event stores but 7 in the feed",
                "need " + NEED + ": outstanding is 4 in the event stores but 3 in the feed");
        assertThat(report.summary()).startsWith("checked 1 need, 1 campaign, 1 pledge, 1 donation: 2 differences");
    }

    @Test
    void what_one_side_lacks_is_reported_as_missing() {
        Books feed = new Books(Map.of(), Map.of(CAMPAIGN, FLOOD), Map.of(PLEDGE, PLEDGED),
                Map.of(DONATION, 1, NEED, 1));

        Reconciliation.Report report = Reconciliation.compare(stores(BLANKETS, new EventStoreBooks.Counters(6, 2)), feed);

        assertThat(report.differences()).extracting(Reconciliation.Difference::toString).containsExactly(
                "need " + NEED + ": in the event stores but not in the feed",
                "donation " + NEED + ": in the feed but not in the event stores");
    }

    @Test
    void a_pledge_or_donation_recorded_twice_is_drift() {
        Reconciliation.Report report = Reconciliation.compare(stores(BLANKETS, new EventStoreBooks.Counters(6, 2)),
                books(BLANKETS, FLOOD, new Books.PledgeFigures("RESERVED", 6, 2), 2));

        assertThat(report.differences()).extracting(Reconciliation.Difference::toString).containsExactly(
                "pledge " + PLEDGE + ": times recorded is 1 in the event stores but 2 in the feed",
                "donation " + DONATION + ": times recorded is 1 in the event stores but 2 in the feed");
    }

    @Test
    void money_in_a_currency_one_side_lacks_counts_as_zero_there() {
        Books.CampaignFigures withDollars = new Books.CampaignFigures("ACTIVE", Map.of("CNY", 700L, "USD", 200L),
                Map.of("CNY", 400L), 2);

        Reconciliation.Report report = Reconciliation.compare(stores(BLANKETS, new EventStoreBooks.Counters(6, 2)),
                books(BLANKETS, withDollars, PLEDGED, 1));

        assertThat(report.differences()).containsExactly(new Reconciliation.Difference("campaign", CAMPAIGN.toString(),
                "raised USD", "0", "200", "event stores", "feed"));
    }

    @Test
    void the_two_event_stores_disagreeing_on_a_need_is_drift_too() {
        Reconciliation.Report report = Reconciliation.compare(stores(BLANKETS, new EventStoreBooks.Counters(5, 2)),
                books(BLANKETS, FLOOD, PLEDGED, 1));

        assertThat(report.differences()).extracting(Reconciliation.Difference::toString).containsExactly(
                "need " + NEED + ": reserved is 6 in the donations' pledge ledger but 5 in the campaigns' need events");
    }

    @Test
    void the_json_form_lists_the_differences() throws Exception {
        Reconciliation.Report report = Reconciliation.compare(stores(BLANKETS, new EventStoreBooks.Counters(6, 2)),
                books(new Books.NeedFigures("blankets", 10, 6, 2, 4, "FULLY_PLEDGED"), FLOOD, PLEDGED, 1));

        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(json.get("clean").asBoolean()).isFalse();
        assertThat(json.at("/checked/needs").asInt()).isEqualTo(1);
        assertThat(json.at("/differences/0/field").asText()).isEqualTo("status");
        assertThat(json.at("/differences/0/expected").asText()).isEqualTo("OPEN");
        assertThat(json.at("/differences/0/found").asText()).isEqualTo("FULLY_PLEDGED");
    }

    @Test
    void a_bad_option_is_refused_before_any_database_is_touched() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(Reconciliation.run(new String[] {"--wait"}, System.out, errors)).isEqualTo(2);
        assertThat(Reconciliation.run(new String[] {"--wait", "soon"}, System.out, errors)).isEqualTo(2);
        assertThat(Reconciliation.run(new String[] {"--everything"}, System.out, errors)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--wait needs a number of seconds",
                "unknown option '--everything'");
    }

    private static EventStoreBooks.Reading stores(Books.NeedFigures need, EventStoreBooks.Counters mirror) {
        return new EventStoreBooks.Reading(books(need, FLOOD, PLEDGED, 1), Map.of(NEED, mirror));
    }

    private static Books books(Books.NeedFigures need, Books.CampaignFigures campaign, Books.PledgeFigures pledge,
            int donationRecorded) {
        return new Books(Map.of(NEED, need), Map.of(CAMPAIGN, campaign), Map.of(PLEDGE, pledge),
                Map.of(DONATION, donationRecorded));
    }
}

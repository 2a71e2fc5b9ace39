package org.lifeline.feed.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeline.feed.infra.FeedJson;

class HxlCsvTest {

    @Test
    void fields_with_commas_quotes_or_line_breaks_are_quoted() {
        assertThat(HxlCsv.line(List.of("plain", "a,b", "say \"hi\"", "two\nlines", "")))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    @Test
    void a_need_row_follows_the_hashtags() {
        String need = """
                {"id": "n1", "campaignId": "c1", "organisationId": "o1", "sector": "WSH", "item": "Water",
                 "unit": "box", "requested": 10, "reserved": 4, "delivered": 1, "outstanding": 6,
                 "urgency": "HIGH", "status": "OPEN", "stale": false,
                 "site": {"name": "Camp", "lat": 31.07, "lon": -103.5, "privacy": "APPROXIMATE"},
                 "neededBy": null, "postedAt": "2026-11-21T09:00:00Z"}""";
        List<String> row = HxlCsv.needRow(FeedJson.tree(need), "EQ-2026-000123-CHN", 42);
        assertThat(row).hasSameSizeAs(HxlCsv.HASHTAGS).hasSameSizeAs(HxlCsv.HEADERS);
        assertThat(row).containsExactly("n1", "EQ-2026-000123-CHN", "2026-11-21T09:00:00Z", "", "OPEN", "WSH", "Water", "box", "10",
                "4", "1", "o1", "Camp", "31.07", "-103.5", "HIGH", "42");
    }

    @Test
    void typed_text_that_a_spreadsheet_would_run_as_a_formula_is_made_inert() {
        assertThat(HxlCsv.inert("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(HxlCsv.inert("+1")).isEqualTo("'+1");
        assertThat(HxlCsv.inert("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(HxlCsv.inert("-cmd")).isEqualTo("'-cmd");
        assertThat(HxlCsv.inert("Family tent")).isEqualTo("Family tent");
        assertThat(HxlCsv.inert("")).isEmpty();
    }

}

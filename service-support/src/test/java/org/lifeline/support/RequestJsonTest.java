package org.lifeline.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.ContractJson;

class RequestJsonTest {

    enum Urgency { CRITICAL, HIGH }

    record Site(String name, Double lat) { }

    record Pledge(Integer quantity, long amount, BigDecimal ratio, Urgency urgency, Boolean anonymous, Site site,
                  List<String> tags, String[] notes, Map<String, String> labels) { }

    private final ObjectMapper json = customized();

    private static ObjectMapper customized() {
        ObjectMapper mapper = new ObjectMapper();
        new RequestJson().customize(mapper);
        return mapper;
    }

    // ----- text PostgreSQL cannot store -----

    @Test
    void a_nul_anywhere_in_a_text_is_refused_at_its_field() {
        assertUnstorableAt("{\"site\": {\"name\": \"Field\\u0000clinic\"}}", "site.name");
        assertUnstorableAt("{\"tags\": [\"water\", \"\\u0000\"]}", "tags[1]");
        assertUnstorableAt("{\"notes\": [\"\\u0000\"]}", "notes[0]");
        assertUnstorableAt("{\"labels\": {\"shelter\": \"\\u0000\"}}", "labels.shelter");
    }

    @Test
    void an_unpaired_surrogate_is_refused_whether_escaped_or_sent_as_bytes() throws Exception {
        assertUnstorableAt("{\"tags\": [\"\\ud83d\"]}", "tags[0]");
        assertUnstorableAt("{\"tags\": [\"\\ude00 after\"]}", "tags[0]");
        // U+D800 encoded as if it were a character (CESU-8 style): the parser itself refuses it as not UTF-8.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("{\"tags\": [\"".getBytes(UTF_8));
        body.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        body.write("\"]}".getBytes(UTF_8));
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
                () -> json.readValue(body.toByteArray(), Pledge.class));
        assertThat(e.getMessage()).contains("Invalid UTF-8");
        assertThat(FieldPaths.of(e)).isEqualTo("tags[0]");
    }

    @Test
    void text_with_paired_surrogates_and_other_characters_is_read() throws Exception {
        Pledge pledge = json.readValue("{\"site\": {\"name\": \"Clinique \\ud83c\\udfe5 de Jacmel\\t\"}, "
                + "\"tags\": [\"水\", \"\\u00e9\"]}", Pledge.class);

        assertThat(pledge.site().name()).isEqualTo("Clinique \uD83C\uDFE5 de Jacmel\t");
        assertThat(pledge.tags()).containsExactly("水", "é");
    }

    // ----- integers only where the contract says integer -----

    @Test
    void an_integer_field_refuses_fractions_strings_and_empty_strings() {
        for (String quantity : List.of("1.5", "2.0", "\"2\"", "\"\"", "1e2")) {
            assertMismatchAt("{\"quantity\": " + quantity + "}", "quantity");
        }
        for (String amount : List.of("150.5", "\"150\"")) {
            assertMismatchAt("{\"amount\": " + amount + "}", "amount");
        }
    }

    @Test
    void an_integer_field_takes_an_integer() throws Exception {
        Pledge pledge = json.readValue("{\"quantity\": 12, \"amount\": 5000}", Pledge.class);

        assertThat(pledge.quantity()).isEqualTo(12);
        assertThat(pledge.amount()).isEqualTo(5000L);
    }

    @Test
    void a_decimal_field_takes_whole_and_fractional_numbers_but_not_strings() throws Exception {
        assertThat(json.readValue("{\"ratio\": 1.0}", Pledge.class).ratio()).isEqualByComparingTo("1.0");
        assertThat(json.readValue("{\"ratio\": 1.5}", Pledge.class).ratio()).isEqualByComparingTo("1.5");
        assertThat(json.readValue("{\"ratio\": 2}", Pledge.class).ratio()).isEqualByComparingTo("2");
        assertThat(json.readValue("{\"site\": {\"lat\": 30}}", Pledge.class).site().lat()).isEqualTo(30.0);

        assertMismatchAt("{\"ratio\": \"1.5\"}", "ratio");
        assertMismatchAt("{\"site\": {\"lat\": \"30.5\"}}", "site.lat");
        assertMismatchAt("{\"site\": {\"lat\": \"NaN\"}}", "site.lat");
    }

    @Test
    void a_code_and_a_flag_take_only_their_own_form() throws Exception {
        assertMismatchAt("{\"urgency\": 0}", "urgency");
        assertMismatchAt("{\"anonymous\": \"true\"}", "anonymous");
        assertMismatchAt("{\"anonymous\": 1}", "anonymous");

        Pledge pledge = json.readValue("{\"urgency\": \"HIGH\", \"anonymous\": true}", Pledge.class);
        assertThat(pledge.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(pledge.anonymous()).isTrue();
    }

    @Test
    void integration_events_are_still_read_tolerantly_by_their_own_mapper() throws Exception {
        // The customizer reaches only the application's mapper; ContractJson keeps Jackson's tolerant defaults.
        Pledge pledge = ContractJson.mapper().readValue("{\"quantity\": \"2\", \"ratio\": \"1.5\", \"unknown\": 1}",
                Pledge.class);

        assertThat(pledge.quantity()).isEqualTo(2);
        assertThat(pledge.ratio()).isEqualByComparingTo("1.5");
    }

    private void assertUnstorableAt(String body, String field) {
        StorableText.UnstorableTextException e = catchThrowableOfType(StorableText.UnstorableTextException.class,
                () -> json.readValue(body, Pledge.class));

        assertThat(e).as("reading %s", body).isNotNull();
        assertThat(FieldPaths.of(e)).isEqualTo(field);
        assertThat(e.getMessage()).doesNotContain("clinic");
    }

    private void assertMismatchAt(String body, String field) {
        MismatchedInputException e = catchThrowableOfType(MismatchedInputException.class,
                () -> json.readValue(body, Pledge.class));

        assertThat(e).as("reading %s", body).isNotNull();
        assertThat(FieldPaths.of(e)).as("field of %s", body).isEqualTo(field);
    }
}

package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void absent_members_are_left_out() throws Exception {
        Problem problem = new Problem(Problem.BLANK_TYPE, "Not Found", 404, "No such need.", null, null, null);

        assertThat(json.writeValueAsString(problem)).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No such need.\"}");
    }

    @Test
    void field_errors_and_extensions_are_written_at_the_top_level() throws Exception {
        Problem problem = new Problem(ProblemMappers.VALIDATION_TYPE, "Invalid request", 400, "1 field is invalid.",
                "/api/v1/pledges", List.of(new Problem.FieldError("quantity", "must be greater than 0")),
                Map.of("outstanding", 12));

        assertThat(json.readTree(json.writeValueAsString(problem))).isEqualTo(json.readTree("""
                {"type": "https://lifeline.org/problems/validation", "title": "Invalid request", "status": 400,
                 "detail": "1 field is invalid.", "instance": "/api/v1/pledges",
                 "errors": [{"field": "quantity", "message": "must be greater than 0"}], "outstanding": 12}"""));
    }

    @Test
    void a_problem_exception_names_its_type_after_its_title() {
        var e = new ProblemException(409, "Over-pledge", "Only 12 outstanding.", Map.of("outstanding", 12));

        Problem problem = e.toProblem("/api/v1/pledges");

        assertThat(problem.type()).isEqualTo("https://lifeline.org/problems/over-pledge");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.detail()).isEqualTo("Only 12 outstanding.");
        assertThat(problem.extensions()).containsEntry("outstanding", 12);
    }

    @Test
    void titles_of_plain_statuses_are_their_reason_phrases() {
        assertThat(ProblemMappers.title(415)).isEqualTo("Unsupported Media Type");
        assertThat(ProblemMappers.title(499)).isEqualTo("HTTP 499");
    }
}

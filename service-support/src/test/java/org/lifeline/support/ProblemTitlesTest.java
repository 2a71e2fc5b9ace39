package org.lifeline.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTitlesTest {

    @Test
    void a_rejection_is_titled_by_its_code() {
        assertThat(ProblemMappers.humanised("campaign-closed")).isEqualTo("Campaign closed");
        assertThat(ProblemMappers.humanised("need-not-found")).isEqualTo("Need not found");
        assertThat(ProblemMappers.humanised("")).isEqualTo("Unprocessable Content");
    }

    @Test
    void statuses_outside_jax_rs_have_their_http_names() {
        assertThat(ProblemMappers.title(422)).isEqualTo("Unprocessable Content");
        assertThat(ProblemMappers.title(429)).isEqualTo("Too Many Requests");
        assertThat(ProblemMappers.title(409)).isEqualTo("Conflict");
    }
}

package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdFilterTest {

    @Test
    void a_printable_id_of_up_to_200_chars_is_kept() {
        assertThat(RequestIdFilter.requestId("req-42 from app")).isEqualTo("req-42 from app");
        assertThat(RequestIdFilter.requestId("x".repeat(200))).isEqualTo("x".repeat(200));
    }

    @Test
    void a_missing_empty_long_or_unprintable_id_is_replaced_by_a_uuid() {
        for (String given : new String[] {null, "", "x".repeat(201), "line\nbreak", "caf\u00e9"}) {
            String id = RequestIdFilter.requestId(given);
            assertThat(UUID.fromString(id)).isNotNull();
        }
    }
}

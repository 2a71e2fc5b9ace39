package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stack the system tests attack is up and usable through the gateway. */
@ExtendWith(RunningStack.class)
class StackSmokeTest {

    @Test
    void a_donor_can_register_and_read_the_feed_through_the_gateway(RunningStack stack) {
        Api api = stack.api();
        Api.Account donor = api.donor("Smoke");
        assertThat(donor.token()).isNotBlank();
        assertThat(api.get("/api/v1/feed/needs", Api.Credential.NONE).status()).isEqualTo(200);
    }
}

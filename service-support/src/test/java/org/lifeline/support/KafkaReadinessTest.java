package org.lifeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class KafkaReadinessTest {

    @Test
    void an_unreachable_broker_is_reported_down_within_seconds() {
        // group.id is no admin setting: it shows that consumer settings under kafka.* are left out.
        KafkaReadiness readiness = new KafkaReadiness(
                Map.of("bootstrap.servers", "127.0.0.1:1", "group.id", "campaigns-service"));
        try {
            Instant start = Instant.now();

            HealthCheckResponse response = readiness.call();

            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getName()).isEqualTo(KafkaReadiness.NAME);
            assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data).containsKey("reason"));
            assertThat(Duration.between(start, Instant.now())).isLessThan(KafkaReadiness.TIMEOUT.multipliedBy(3));
        } finally {
            readiness.close();
        }
    }
}

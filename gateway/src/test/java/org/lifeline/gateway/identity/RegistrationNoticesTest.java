package org.lifeline.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RegistrationNoticesTest {

    private final List<Mail> sent = new ArrayList<>();
    private final ReactiveMailer mailer = mails -> {
        sent.addAll(List.of(mails));
        return Uni.createFrom().voidItem();
    };
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T10:00:00Z"));
    private final RegistrationNotices notices = new RegistrationNotices(mailer, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void an_address_gets_one_notice_per_quiet_period_however_often_it_is_registered() {
        assertThat(notices.alreadyRegistered("mei@example.org")).isTrue();
        for (int attempt = 0; attempt < 50; attempt++) {
            assertThat(notices.alreadyRegistered(attempt % 2 == 0 ? "mei@example.org" : "MEI@example.org")).isFalse();
        }
        assertThat(notices.alreadyRegistered("li@example.org")).isTrue();
        assertThat(sent).hasSize(2);

        now.set(now.get().plus(RegistrationNotices.QUIET_PERIOD).plus(Duration.ofSeconds(1)));
        assertThat(notices.alreadyRegistered("mei@example.org")).isTrue();
        assertThat(sent).hasSize(3);
    }
}

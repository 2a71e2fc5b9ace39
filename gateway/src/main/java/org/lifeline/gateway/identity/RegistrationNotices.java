package org.lifeline.gateway.identity;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells the holder of an email that someone tried to register it again, instead of telling the one who tried
 * (who gets the same answer as for a new account). Sent after the answer, so that it costs the request no time;
 * a notice lost to a crash or a mail server that is down is logged, never retried. No log line names the address.
 *
 * <p>At most one notice per address per {@link #QUIET_PERIOD}, so that registering someone's email over and over does
 * not flood their mailbox (per gateway replica: N replicas send at most N).
 */
@ApplicationScoped
public class RegistrationNotices {

    static final String SUBJECT = "Someone tried to register a Lifeline account with your email address";
    private static final String TEXT = """
            Hello,

            someone tried to register a new Lifeline account with this email address, which already has an account.
            No new account was created and your account is unchanged.

            If it was you, sign in with your existing account. If you have forgotten its password, ask the
            administrator of your Lifeline installation to reset it. If it was not you, you can ignore this message.

            -- Lifeline
            """;

    static final Duration QUIET_PERIOD = Duration.ofHours(1);
    /** Addresses remembered at most; past it the oldest are forgotten first (at worst one more notice each). */
    private static final int REMEMBERED = 10_000;

    private final ReactiveMailer mailer;
    private final Clock clock;
    /** When each address (lower case) was last sent a notice, oldest first. */
    private final Map<String, Instant> lastNotice = new LinkedHashMap<>();

    @Inject
    RegistrationNotices(ReactiveMailer mailer) {
        this(mailer, Clock.systemUTC());
    }

    RegistrationNotices(ReactiveMailer mailer, Clock clock) {
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Sends the notice in the background, unless this address had one within the quiet period; says whether it did. */
    boolean alreadyRegistered(String email) {
        if (!due(email.toLowerCase(Locale.ROOT))) {
            return false;
        }
        mailer.send(Mail.withText(email, SUBJECT, TEXT)).subscribe().with(
                sent -> Log.info("Sent a notice of a registration attempt to an existing account"),
                failure -> Log.warnf("Could not send a notice of a registration attempt to an existing account: %s",
                        failure.getClass().getSimpleName()));
        return true;
    }

    private synchronized boolean due(String address) {
        Instant now = clock.instant();
        Instant last = lastNotice.get(address);
        if (last != null && last.plus(QUIET_PERIOD).isAfter(now)) {
            return false;
        }
        lastNotice.remove(address);
        lastNotice.put(address, now);
        if (lastNotice.size() > REMEMBERED) {
            lastNotice.remove(lastNotice.keySet().iterator().next());
        }
        return true;
    }
}

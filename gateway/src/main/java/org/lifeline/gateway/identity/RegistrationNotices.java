package org.lifeline.gateway.identity;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells the holder of an email that someone tried to register it again, instead of telling the one who tried
 * (who gets the same answer as for a new account). Sent after the answer, so that it costs the request no time;
 * a notice lost to a crash or a mail server that is down is logged, never retried. No log line names the address.
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

    private final ReactiveMailer mailer;

    RegistrationNotices(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /** Sends the notice in the background. */
    void alreadyRegistered(String email) {
        mailer.send(Mail.withText(email, SUBJECT, TEXT)).subscribe().with(
                sent -> Log.info("Sent a notice of a registration attempt to an existing account"),
                failure -> Log.warnf("Could not send a notice of a registration attempt to an existing account: %s",
                        failure.getClass().getSimpleName()));
    }
}

package org.lifeline.gateway.identity;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows password guessing per account, whatever address the guesses come from ({@link SignInConfig}). Each attempt
 * is counted before its password is checked, under a row lock, so that concurrent guesses cannot slip through
 * together; an attempt during the wait is refused unchecked and counts nothing. Unknown emails are throttled the
 * same way, so the answer never tells whether an account exists. State lives in {@code sign_in_throttle} (V103),
 * keyed by a hash of the normalised email, on the database's clock, so every replica sees the same.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final int SWEEP_EVERY = 256;
    /** 2^20 seconds is past any sensible cap; keeps the shift from overflowing. */
    private static final int MAX_DOUBLINGS = 20;

    private final Pool pool;
    private final SignInConfig config;
    private final AtomicLong attempts = new AtomicLong();

    SignInThrottle(Pool pool, SignInConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * Counts a sign-in attempt for this email: {@link Duration#ZERO} when its password may be checked now,
     * otherwise how long it must wait (nothing is counted then).
     */
    public Uni<Duration> attempt(String email) {
        if (!config.throttled()) {
            return Uni.createFrom().item(Duration.ZERO);
        }
        Buffer key = Buffer.buffer(hash(email));
        Uni<Duration> verdict = pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO sign_in_throttle (email_hash) VALUES ($1)
                        ON CONFLICT (email_hash) DO UPDATE SET email_hash = excluded.email_hash
                        RETURNING failures, last_attempt_at, blocked_until, clock_timestamp() AS now""")
                .execute(Tuple.of(key))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime now = row.getOffsetDateTime("now");
                    OffsetDateTime blockedUntil = row.getOffsetDateTime("blocked_until");
                    if (now.isBefore(blockedUntil)) {
                        return Uni.createFrom().item(Duration.between(now, blockedUntil));
                    }
                    boolean forgotten = row.getOffsetDateTime("last_attempt_at").plus(config.forgetAfter()).isBefore(now);
                    int failures = forgotten ? 1 : row.getInteger("failures") + 1;
                    return tx.preparedQuery("""
                                    UPDATE sign_in_throttle SET failures = $2, last_attempt_at = $3, blocked_until = $4
                                    WHERE email_hash = $1""")
                            .execute(Tuple.of(key, failures, now, now.plus(delayAfter(failures, config))))
                            .replaceWith(Duration.ZERO);
                }));
        if (attempts.incrementAndGet() % SWEEP_EVERY == 0) {
            return verdict.call(this::sweep);
        }
        return verdict;
    }

    /** A successful sign-in: the email starts again from nothing. */
    public Uni<Void> succeeded(String email) {
        if (!config.throttled()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("DELETE FROM sign_in_throttle WHERE email_hash = $1")
                .execute(Tuple.of(Buffer.buffer(hash(email))))
                .replaceWithVoid();
    }

    /** The wait before the next attempt after {@code failures} failures in a row. */
    static Duration delayAfter(int failures, SignInConfig config) {
        if (failures < config.freeFailures()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(MAX_DOUBLINGS, failures - config.freeFailures());
        Duration delay = config.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    /** Forgets emails with no attempt for {@code forget-after}; failing to is no reason to fail a sign-in. */
    private Uni<Void> sweep() {
        return pool.preparedQuery("""
                        DELETE FROM sign_in_throttle WHERE last_attempt_at < clock_timestamp() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) config.forgetAfter().toSeconds()))
                .invoke(rows -> Log.debugf("Swept %d quiet sign-in throttle rows", rows.rowCount()))
                .onFailure().invoke(failure -> Log.warnf("Could not sweep the sign-in throttle: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** SHA-256 of the trimmed, lower-case email: the address itself is never stored here. */
    static byte[] hash(String email) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package org.lifeline.gateway.identity;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hashes passwords with Argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane) on a worker thread, never on the
 * event loop. Neither passwords nor hashes are ever logged.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    /** Checked when an account does not exist, so that an unknown email costs as much as a wrong password. */
    private final String dummyHash = ARGON2.hash("no account has this password").getResult();

    /** The PHC string ({@code $argon2id$v=19$m=...}) of a new random-salted hash. */
    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> ARGON2.hash(password).getResult())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether the password matches the hash; a null hash (no such account) checks a dummy and answers false. */
    public Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> {
                    if (hash == null) {
                        ARGON2.check(password, dummyHash);
                        return false;
                    }
                    return Argon2Function.getInstanceFromHash(hash).check(password, hash);
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

package org.lifeline.gateway.identity;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.lifeline.support.Roles;

/**
 * Creates the admin account of {@code lifeline.gateway.admin-email}/{@code admin-password} at start when no account
 * has that email yet. There is no default password: without configuration there is no admin, and a warning says so.
 */
@ApplicationScoped
class AdminBootstrap {

    private final IdentityConfig config;
    private final Accounts accounts;
    private final PasswordHasher hasher;

    AdminBootstrap(IdentityConfig config, Accounts accounts, PasswordHasher hasher) {
        this.config = config;
        this.accounts = accounts;
        this.hasher = hasher;
    }

    void createAdmin(@Observes @Priority(20) StartupEvent event) {
        String email = config.adminEmail().filter(value -> !value.isBlank()).orElse(null);
        String password = config.adminPassword().filter(value -> !value.isBlank()).orElse(null);
        if (email == null || password == null) {
            Log.warn("No admin account configured (LIFELINE_ADMIN_EMAIL and LIFELINE_ADMIN_PASSWORD): "
                    + "none is created, and organisations and partners cannot be managed until one exists");
            return;
        }
        boolean created = hasher.hash(password)
                .chain(hash -> accounts.createIfAbsent(email, "Administrator", hash, List.of(Roles.DONOR, Roles.ADMIN)))
                .await().atMost(Duration.ofSeconds(30));
        if (created) {
            Log.infof("Created the admin account %s", email);
        } else {
            Log.debugf("The admin account %s exists already", email);
        }
    }
}

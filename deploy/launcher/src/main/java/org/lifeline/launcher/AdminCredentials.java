package org.lifeline.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The gateway's first admin account: from the environment, or a password generated once and kept in the data folder. */
public record AdminCredentials(String email, String password, boolean passwordFromEnvironment) {

    public static final String DEFAULT_EMAIL = "admin@lifeline.local";

    /** Uses {@code LIFELINE_ADMIN_EMAIL}/{@code LIFELINE_ADMIN_PASSWORD} when set, else {@code <home>/admin-password}. */
    public static AdminCredentials resolve(Path home, Map<String, String> env) throws IOException {
        String email = env.getOrDefault("LIFELINE_ADMIN_EMAIL", "");
        email = email.isBlank() ? DEFAULT_EMAIL : email.strip();
        String password = env.getOrDefault("LIFELINE_ADMIN_PASSWORD", "");
        if (!password.isBlank()) {
            return new AdminCredentials(email, password, true);
        }
        Path file = home.resolve("admin-password");
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file).strip();
            if (!stored.isEmpty()) {
                return new AdminCredentials(email, stored, false);
            }
        }
        String generated = randomPassword();
        OwnerOnlyFiles.write(file, generated + "\n");
        return new AdminCredentials(email, generated, false);
    }

    /**
     * The admin of a stack that has started before: from the environment, or from {@code <home>/admin-password};
     * empty when neither has a password (nothing is generated).
     */
    public static Optional<AdminCredentials> existing(Path home, Map<String, String> env) throws IOException {
        boolean known = !env.getOrDefault("LIFELINE_ADMIN_PASSWORD", "").isBlank()
                || Files.isRegularFile(home.resolve("admin-password"))
                && !Files.readString(home.resolve("admin-password")).isBlank();
        return known ? Optional.of(resolve(home, env)) : Optional.empty();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

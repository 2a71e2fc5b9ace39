package org.lifeline.launcher;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

    @TempDir
    Path home;

    @Test
    void generatesAPasswordOnceKeepsItOwnerOnlyAndReusesIt() throws Exception {
        AdminCredentials first = AdminCredentials.resolve(home, Map.of());

        Path file = home.resolve("admin-password");
        assertThat(first.email()).isEqualTo("admin@lifeline.local");
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(first.passwordFromEnvironment()).isFalse();
        assertThat(Files.readString(file).strip()).isEqualTo(first.password());
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);

        assertThat(AdminCredentials.resolve(home, Map.of())).isEqualTo(first);
    }

    @Test
    void takesTheAccountFromTheEnvironmentWithoutWritingAFile() throws Exception {
        AdminCredentials admin = AdminCredentials.resolve(home,
                Map.of("LIFELINE_ADMIN_EMAIL", "ops@example.org", "LIFELINE_ADMIN_PASSWORD", "s3cret-from-env"));

        assertThat(admin).isEqualTo(new AdminCredentials("ops@example.org", "s3cret-from-env", true));
        assertThat(home.resolve("admin-password")).doesNotExist();
    }

    @Test
    void anEmailFromTheEnvironmentKeepsTheStoredPassword() throws Exception {
        AdminCredentials generated = AdminCredentials.resolve(home, Map.of());

        AdminCredentials admin = AdminCredentials.resolve(home, Map.of("LIFELINE_ADMIN_EMAIL", "ops@example.org"));

        assertThat(admin).isEqualTo(new AdminCredentials("ops@example.org", generated.password(), false));
    }
}

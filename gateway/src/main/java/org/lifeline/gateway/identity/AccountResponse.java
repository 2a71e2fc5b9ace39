package org.lifeline.gateway.identity;

import java.util.List;
import java.util.UUID;

/** An account as the API shows it: never its password or hash. */
public record AccountResponse(UUID id, String email, String displayName, List<String> roles, List<UUID> organisations) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id(), account.email(), account.displayName(),
                account.roles().stream().sorted().toList(), account.organisations().stream().sorted().toList());
    }
}

-- identity: accounts, roles, organisations, coordinator grants, partner keys and the token-signing key.

CREATE TABLE accounts (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL,
    display_name  text        NOT NULL,
    -- An Argon2id PHC string; never logged, never returned.
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- Emails are unique whatever their case.
CREATE UNIQUE INDEX accounts_email_unique ON accounts (lower(email));

CREATE TABLE account_roles (
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('donor', 'coordinator', 'admin')),
    PRIMARY KEY (account_id, role)
);

CREATE TABLE organisations (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE coordinator_grants (
    account_id      uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    organisation_id uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    granted_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, organisation_id)
);

CREATE TABLE partners (
    id              uuid PRIMARY KEY,
    name            text        NOT NULL,
    organisation_id uuid REFERENCES organisations (id),
    scopes          text[]      NOT NULL,
    -- SHA-256 of the API key; the key itself is shown once and never stored.
    key_hash        bytea       NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz
);

-- The key pair that signs tokens when none is configured: generated at first start, reused afterwards.
CREATE TABLE signing_keys (
    purpose         text PRIMARY KEY,
    kid             text        NOT NULL,
    private_key_pem text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- sign-in throttle: failed sign-ins per normalised email, shared by every gateway replica. An email is kept only
-- as the SHA-256 of its trimmed, lower-case form, and for unknown emails too, so that the throttle answers the
-- same whether or not an account exists. A success deletes the row; rows quiet for a day are swept.
CREATE TABLE sign_in_throttle (
    email_hash      bytea PRIMARY KEY,
    -- Attempts since the last success, each counted before its password is checked.
    failures        int         NOT NULL DEFAULT 0,
    last_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- No attempt is checked before this time.
    blocked_until   timestamptz NOT NULL DEFAULT 'epoch'
);
CREATE INDEX sign_in_throttle_last_attempt ON sign_in_throttle (last_attempt_at);

-- Registrations of an email that already has an account answer like a new one (201, a new id) and are not
-- kept, except, for a request with an Idempotency-Key, the decoy's id and password hash: a replay is then
-- checked against that password, as a real registration's replay is against its account's.
CREATE TABLE registration_decoys (
    id            uuid PRIMARY KEY,
    -- An Argon2id PHC string; never logged, never returned.
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

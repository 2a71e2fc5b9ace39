-- idempotency: (caller, key) -> the request it answered and the response it gave, for the gateway's own
-- writes (register, organisations, coordinators, partners). The same table as the kernel's
-- (kernel/src/main/resources/db/kernel/V1__kernel.sql, idempotency_keys), used through its IdempotencyStore.
-- A partner's API key is never kept here: the stored response of POST /api/v1/partners leaves it out.
CREATE TABLE idempotency_keys (
    caller          TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    response_status INT         NOT NULL,
    response_body   TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (caller, idempotency_key)
);

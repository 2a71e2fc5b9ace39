-- Event-sourcing kernel tables, shared by every service that uses lifeline-kernel.
-- Services number their own migrations from V100 on.

-- The event store: the source of truth of the write side.
CREATE TABLE events (
    global_position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        UUID        NOT NULL UNIQUE,
    stream_id       TEXT        NOT NULL,
    stream_type     TEXT        NOT NULL,
    version         BIGINT      NOT NULL CHECK (version > 0),
    event_type      TEXT        NOT NULL,
    schema_version  INT         NOT NULL CHECK (schema_version > 0),
    payload         JSONB       NOT NULL,
    correlation_id  UUID,
    causation_id    UUID,
    actor           TEXT,
    idempotency_key TEXT,
    occurred_at     TIMESTAMPTZ NOT NULL,
    -- The transaction's time, so the events of one append share it (time travel never splits them).
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Positions are taken before commit, so a reader of "everything after position P" must not
    -- pass a transaction that is still open; see EventStore.readAll.
    transaction_id  XID8        NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);

-- Messages to publish to Kafka, written in the transaction of the events they carry.
CREATE TABLE outbox (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic          TEXT        NOT NULL,
    message_key    TEXT        NOT NULL,
    event_id       UUID        NOT NULL,
    event_type     TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    subject        TEXT        NOT NULL,
    event_time     TIMESTAMPTZ NOT NULL,
    stream_version BIGINT      NOT NULL,
    correlation_id UUID,
    causation_id   UUID,
    payload        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- Relays LISTEN on 'lifeline_outbox'; writers NOTIFY after their commit (OutboxSignal), not in a
-- trigger: a NOTIFY inside the transaction serialises all commits of the cluster.

-- (caller, key) -> the request it answered and the response it gave.
CREATE TABLE idempotency_keys (
    caller          TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    response_status INT         NOT NULL,
    response_body   TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (caller, idempotency_key)
);

-- Events a consumer has applied to its projection (written in the projection's transaction).
CREATE TABLE applied_events (
    consumer   TEXT        NOT NULL,
    event_id   UUID        NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, event_id)
);

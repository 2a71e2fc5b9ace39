-- Read model of needs, written by NeedReadModel in the transaction that appends the need's events
-- (inline projection); the event store (stream type 'need', stream id = need id) stays the source of truth.
CREATE TABLE needs (
    id              UUID        PRIMARY KEY,
    campaign_id     UUID        NOT NULL REFERENCES campaigns (id),
    organisation_id UUID        NOT NULL,
    sector          TEXT        NOT NULL,
    item            TEXT        NOT NULL,
    unit            TEXT        NOT NULL,
    requested       INTEGER     NOT NULL,
    reserved        INTEGER     NOT NULL,
    delivered       INTEGER     NOT NULL,
    urgency         TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    stale           BOOLEAN     NOT NULL,
    site_name       TEXT        NOT NULL,
    site_lat        DOUBLE PRECISION NOT NULL,
    site_lon        DOUBLE PRECISION NOT NULL,
    site_privacy    TEXT        NOT NULL,
    needed_by       TIMESTAMPTZ,
    posted_at       TIMESTAMPTZ NOT NULL,
    last_confirmed_at TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL
);

CREATE INDEX needs_campaign ON needs (campaign_id, status);

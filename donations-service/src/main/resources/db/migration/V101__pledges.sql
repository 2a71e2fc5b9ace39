-- The local view of needs, fed from lifeline.campaigns.v1 (NeedCapacityProjection), so pledging never
-- calls campaigns-service. reserved and ledger_version mirror the need's pledge ledger (the event
-- stream of type 'pledge' whose id is the need id) and are written in the ledger's transactions.
CREATE TABLE need_capacity (
    need_id         UUID PRIMARY KEY,
    campaign_id     UUID             NOT NULL,
    organisation_id UUID             NOT NULL,
    sector          TEXT             NOT NULL,
    item            TEXT             NOT NULL,
    unit            TEXT             NOT NULL,
    urgency         TEXT             NOT NULL,
    site_name       TEXT             NOT NULL,
    site_lat        DOUBLE PRECISION NOT NULL,
    site_lon        DOUBLE PRECISION NOT NULL,
    site_privacy    TEXT             NOT NULL,
    needed_by       TIMESTAMPTZ,
    requested       INT              NOT NULL CHECK (requested >= 0),
    -- OPEN, FULFILLED, CLOSED, CANCELLED, EXPIRED (FULLY_PLEDGED is OPEN here: outstanding says it).
    status          TEXT             NOT NULL,
    -- Held on the ledger: reserved by active pledges plus what delivered pledges received.
    reserved        INT              NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    ledger_version  BIGINT           NOT NULL DEFAULT 0,
    -- Bumped by every change of the row: ledger writers move it from the value they read
    -- (compare-and-set), so a pledge decided on an old request, status or ledger loses and re-decides.
    revision        BIGINT           NOT NULL DEFAULT 1,
    posted_at       TIMESTAMPTZ      NOT NULL,
    updated_at      TIMESTAMPTZ      NOT NULL
);

CREATE INDEX need_capacity_open_item ON need_capacity (sector, item) WHERE status = 'OPEN';

-- The pledges read model, written inline in the ledger's transactions. donor_id is for the donor's
-- own reads and authorisation only; it never leaves in a response.
CREATE TABLE pledges (
    pledge_id         UUID PRIMARY KEY,
    need_id           UUID        NOT NULL,
    campaign_id       UUID        NOT NULL,
    organisation_id   UUID        NOT NULL,
    donor_id          UUID        NOT NULL,
    offer_id          UUID,
    policy            TEXT        NOT NULL,
    requested         INT         NOT NULL,
    reserved          INT         NOT NULL,
    status            TEXT        NOT NULL,
    hold_expires_at   TIMESTAMPTZ NOT NULL,
    method            TEXT,
    eta               TIMESTAMPTZ,
    carrier           TEXT,
    tracking_ref      TEXT,
    quantity_received INT,
    released          INT,
    cancelled_by      TEXT,
    cancel_reason     TEXT,
    note              TEXT,
    delivery_note     TEXT,
    -- The pledge's own version: how many of the ledger's events are about it (ETag, If-Match).
    version           BIGINT      NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX pledges_by_donor ON pledges (donor_id, created_at DESC, pledge_id DESC);
CREATE INDEX pledges_by_need ON pledges (need_id, created_at DESC, pledge_id DESC);
-- The timers' sweeps: holds that lapse, and confirmed pledges whose ETA passes.
CREATE INDEX pledges_holds ON pledges (hold_expires_at) WHERE status = 'RESERVED';
CREATE INDEX pledges_etas ON pledges (eta) WHERE status = 'CONFIRMED';

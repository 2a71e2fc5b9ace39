-- Money: the campaigns donations-service knows, match pools and donations (read models; the event
-- store is the truth). Match pools and donations are written inline in their commands' transactions.

-- Fed from lifeline.campaigns.v1 (CampaignDirectory): who may open pools and refund, and whether a
-- campaign still takes donations.
CREATE TABLE campaign_directory (
    campaign_id     UUID PRIMARY KEY,
    organisation_id UUID        NOT NULL,
    -- ACTIVE, CLOSED
    status          TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Amounts in minor units of the pool's currency.
CREATE TABLE match_pools (
    match_pool_id   UUID PRIMARY KEY,
    campaign_id     UUID          NOT NULL,
    organisation_id UUID          NOT NULL,
    sponsor         TEXT          NOT NULL,
    ratio           NUMERIC(9, 4) NOT NULL CHECK (ratio > 0),
    currency        TEXT          NOT NULL,
    pool            BIGINT        NOT NULL CHECK (pool > 0),
    remaining       BIGINT        NOT NULL CHECK (remaining >= 0 AND remaining <= pool),
    per_donor_cap   BIGINT,
    min_gift        BIGINT,
    ends_at         TIMESTAMPTZ,
    -- OPEN, EXHAUSTED, CLOSED (closed_reason ENDED or CLOSED)
    status          TEXT          NOT NULL,
    closed_reason   TEXT,
    version         BIGINT        NOT NULL,
    opened_at       TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL
);

-- A donation is offered to its campaign's open pools in its currency, oldest first.
CREATE INDEX match_pools_open ON match_pools (campaign_id, currency, opened_at, match_pool_id) WHERE status = 'OPEN';
-- The timer: live pools whose end time passes.
CREATE INDEX match_pools_ends ON match_pools (ends_at) WHERE status <> 'CLOSED' AND ends_at IS NOT NULL;

-- donor_id and payment_ref are personal data of the donor: for the donor's own reads and authorisation.
CREATE TABLE donations (
    donation_id   UUID PRIMARY KEY,
    campaign_id   UUID        NOT NULL,
    donor_id      UUID        NOT NULL,
    currency      TEXT        NOT NULL,
    amount        BIGINT      NOT NULL CHECK (amount > 0),
    -- What its match pool gave it (0 without a match); it stays as given after a refund, which returns it.
    matched       BIGINT      NOT NULL DEFAULT 0 CHECK (matched >= 0),
    match_pool_id UUID,
    payment_ref   TEXT,
    -- RECEIVED, REFUNDED
    status        TEXT        NOT NULL,
    version       BIGINT      NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX donations_by_donor ON donations (donor_id, received_at DESC, donation_id DESC);
CREATE INDEX donations_by_campaign ON donations (campaign_id, received_at DESC, donation_id DESC);

-- Read models of campaigns and their posts, written by CampaignReadModel in the transaction of
-- the events they reflect (inline projection); the event store stays the source of truth.
CREATE TABLE campaigns (
    id              UUID        PRIMARY KEY,
    organisation_id UUID        NOT NULL,
    title           TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    region          TEXT        NOT NULL,
    location_lat    DOUBLE PRECISION NOT NULL,
    location_lon    DOUBLE PRECISION NOT NULL,
    description     TEXT,
    glide           TEXT,
    status          TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    opened_at       TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Lists page newest first by (opened_at, id), optionally by status.
CREATE INDEX campaigns_newest ON campaigns (opened_at DESC, id DESC);
CREATE INDEX campaigns_status_newest ON campaigns (status, opened_at DESC, id DESC);

CREATE TABLE posts (
    id           UUID        PRIMARY KEY,
    campaign_id  UUID        NOT NULL REFERENCES campaigns (id),
    text         TEXT        NOT NULL,
    location_lat DOUBLE PRECISION,
    location_lon DOUBLE PRECISION,
    media_urls   TEXT[]      NOT NULL,
    published_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX posts_campaign_newest ON posts (campaign_id, published_at DESC, id DESC);

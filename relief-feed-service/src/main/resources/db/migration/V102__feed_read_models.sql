-- The relief-feed projection's read models. Each holds the PUBLIC model as JSON (data) plus the columns that
-- listings filter and sort on. Everything here is dropped and rebuilt by a replay (ReliefFeedProjection.reset);
-- feed_log and feed_counter are not: a replayed event keeps the position it was first given.

CREATE TABLE feed_campaigns (
    id      UUID   PRIMARY KEY,
    version BIGINT NOT NULL,
    data    JSONB  NOT NULL
);

-- Needs as they stand now. Coordinates are the public ones (APPROXIMATE sites rounded to 0.01°), so distances
-- and radius filters never reveal more than the listing shows.
CREATE TABLE feed_needs (
    id           UUID             PRIMARY KEY,
    campaign_id  UUID             NOT NULL,
    sector       TEXT             NOT NULL,
    item         TEXT             NOT NULL,
    urgency_rank SMALLINT         NOT NULL,   -- 0 = CRITICAL … 3 = LOW (4 = a value this reader does not know)
    status       TEXT             NOT NULL,
    site_lat     DOUBLE PRECISION NOT NULL,
    site_lon     DOUBLE PRECISION NOT NULL,
    needed_by    TIMESTAMPTZ,
    posted_at    TIMESTAMPTZ      NOT NULL,
    version      BIGINT           NOT NULL,
    data         JSONB            NOT NULL
);
CREATE INDEX feed_needs_campaign ON feed_needs (campaign_id, status);
CREATE INDEX feed_needs_order ON feed_needs (urgency_rank, needed_by, id);

-- Every state of every need, for listings and exports as of a past time: the latest row per need at or before it.
CREATE TABLE feed_need_history (
    need_id      UUID             NOT NULL,
    position     BIGINT           NOT NULL,
    occurred_at  TIMESTAMPTZ      NOT NULL,
    campaign_id  UUID             NOT NULL,
    sector       TEXT             NOT NULL,
    item         TEXT             NOT NULL,
    urgency_rank SMALLINT         NOT NULL,
    status       TEXT             NOT NULL,
    site_lat     DOUBLE PRECISION NOT NULL,
    site_lon     DOUBLE PRECISION NOT NULL,
    needed_by    TIMESTAMPTZ,
    posted_at    TIMESTAMPTZ      NOT NULL,
    data         JSONB            NOT NULL,
    PRIMARY KEY (need_id, position)
);
CREATE INDEX feed_need_history_time ON feed_need_history (occurred_at);

-- Pledges without their donor.
CREATE TABLE feed_pledges (
    id          UUID  PRIMARY KEY,
    need_id     UUID  NOT NULL,
    campaign_id UUID,
    data        JSONB NOT NULL
);

CREATE TABLE feed_match_pools (
    id          UUID   PRIMARY KEY,
    campaign_id UUID   NOT NULL,
    version     BIGINT NOT NULL,
    data        JSONB  NOT NULL
);

-- Money per campaign and currency: raised = received - refunded; matched = applied - reversed.
CREATE TABLE feed_campaign_money (
    campaign_id UUID   NOT NULL,
    currency    TEXT   NOT NULL,
    received    BIGINT NOT NULL DEFAULT 0,
    refunded    BIGINT NOT NULL DEFAULT 0,
    matched     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, currency)
);

-- Who gave to a campaign (money or goods), only ever counted: donor ids never leave this table.
CREATE TABLE feed_campaign_donors (
    campaign_id UUID NOT NULL,
    donor_id    UUID NOT NULL,
    PRIMARY KEY (campaign_id, donor_id)
);

-- A campaign's timeline: posts, new needs and milestones. item_no tells apart several items of one event.
CREATE TABLE feed_timeline (
    position    BIGINT      NOT NULL,
    item_no     SMALLINT    NOT NULL,
    campaign_id UUID        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    data        JSONB       NOT NULL,
    PRIMARY KEY (position, item_no)
);
CREATE INDEX feed_timeline_newest ON feed_timeline (campaign_id, occurred_at DESC, position DESC, item_no DESC);

-- Gift trails are private to their donor, kept apart from the public feed.
CREATE TABLE gift_owners (
    gift_id  UUID PRIMARY KEY,
    kind     TEXT NOT NULL,   -- pledge or donation
    donor_id UUID NOT NULL
);

CREATE TABLE gift_trail_events (
    gift_id     UUID        NOT NULL,
    event_id    UUID        NOT NULL,
    position    BIGINT      NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    type        TEXT        NOT NULL,
    data        JSONB       NOT NULL,
    PRIMARY KEY (gift_id, event_id)
);

-- The feed log (design: helper brief feed-log.md): one row per event that matters publicly, appended by the
-- relief-feed projection in the transaction of its read-model changes. SSE streams and partner webhooks read it
-- from a position. Positions are gap-free and commit in order: they come from the one-row counter, whose row
-- lock serialises feed appliers until commit, so a reader that saw position N has seen every position < N.
CREATE TABLE feed_counter (id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id), last_position BIGINT NOT NULL);
INSERT INTO feed_counter VALUES (TRUE, 0);

CREATE TABLE feed_log (
    position    BIGINT      PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,   -- the CloudEvent id it came from
    kind        TEXT        NOT NULL,          -- SSE event name: need, post, campaign, match-pool (and pledge, donation for webhooks/trails)
    type        TEXT        NOT NULL,          -- public type: '<kind>.<EventName>', e.g. need.NeedPosted, post.PostPublished, pledge.PledgeReserved
    campaign_id UUID,                          -- for ?campaignId= filters
    subject     TEXT        NOT NULL,          -- the thing it is about: need id, post id, campaign id, pool id, pledge id
    occurred_at TIMESTAMPTZ NOT NULL,          -- ce_time
    data        JSONB       NOT NULL           -- the PUBLIC read model after the event (no donor data, APPROXIMATE sites rounded)
);
CREATE INDEX feed_log_campaign ON feed_log (campaign_id, position);
-- Exports as of a time carry the last position at or before it.
CREATE INDEX feed_log_occurred ON feed_log (occurred_at, position);

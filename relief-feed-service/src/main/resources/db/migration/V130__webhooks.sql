-- Partner webhooks (org.lifeline.feed.webhook). Deliveries read feed_log (V101); no foreign key to it, so these
-- tables stand on their own.

CREATE TABLE webhook_subscriptions (
    id               UUID        PRIMARY KEY,
    partner_id       UUID        NOT NULL,
    url              TEXT        NOT NULL,
    event_types      TEXT[]      NOT NULL,   -- '<kind>.*' or '<kind>.<EventName>'
    -- Signs deliveries (HMAC-SHA256), so it is kept as given; never returned by the API.
    secret           TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    -- The last feed_log position the subscription is done with (delivered, skipped by its filter, dead-lettered).
    cursor_position  BIGINT      NOT NULL CHECK (cursor_position >= 0),
    -- Bumped by each redelivery: a deliverer's writes name the generation they belong to and fail once it moved.
    generation       BIGINT      NOT NULL DEFAULT 0,
    -- The instance delivering it, until when (WebhookDeliverer): one instance per subscription at a time.
    lease_owner      UUID,
    lease_expires_at TIMESTAMPTZ
);
CREATE INDEX webhook_subscriptions_partner ON webhook_subscriptions (partner_id, created_at, id);

-- Deliveries given up after their last attempt; listed to their partner, marked when a redelivery covers them.
CREATE TABLE webhook_dead_letters (
    id               UUID        PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    position         BIGINT      NOT NULL,
    event_id         UUID        NOT NULL,
    type             TEXT        NOT NULL,
    attempts         INT         NOT NULL,
    last_status      INT,                    -- the receiver's last HTTP status; null when it never answered
    last_error       TEXT,
    dead_lettered_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    redelivered_at   TIMESTAMPTZ
);
CREATE INDEX webhook_dead_letters_subscription ON webhook_dead_letters (subscription_id, dead_lettered_at, id);
CREATE INDEX webhook_dead_letters_position ON webhook_dead_letters (subscription_id, position)
    WHERE redelivered_at IS NULL;

-- The attempts at the event a subscription is retrying, kept with its cursor so that a restart or another instance
-- taking the lease over carries on counting (lifeline.feed.webhooks.retry.max-attempts counts every attempt) and
-- waits out the back-off already begun. An attempt is recorded before it is sent, so one cut short by a crash counts.
-- Cleared whenever the cursor moves on (delivered, dead-lettered) and by a redelivery (a new generation).
ALTER TABLE webhook_subscriptions
    ADD COLUMN attempt_position BIGINT,                -- the feed_log position being retried; null when none
    ADD COLUMN attempts         INT    NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN next_attempt_at  TIMESTAMPTZ;           -- not before then (the database's clock, one for all instances)

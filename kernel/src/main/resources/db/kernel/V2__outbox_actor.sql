-- Who caused the event travels with it as the CloudEvents extension 'actor' (ce_actor).
ALTER TABLE outbox ADD COLUMN actor TEXT;

-- Time travel within one campaign (listing and export with campaignId and asOf) reads that campaign's history only.
CREATE INDEX feed_need_history_campaign ON feed_need_history (campaign_id, need_id, position DESC);
